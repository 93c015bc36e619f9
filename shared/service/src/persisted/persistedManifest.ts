import { createHash } from 'node:crypto';
import {
  Kind, parse, print, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type OperationTypeNode,
} from 'graphql';
import { z } from 'zod';

/** The format of Apollo's persisted query lists (what Apollo Router and GraphOS read): id, name, type and body. */
export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

export interface PersistedOperation {
  /** sha256 of the body, in hex: what a client sends as its id (and as an automatic persisted query's sha256Hash). */
  readonly id: string;
  readonly name: string;
  readonly type: `${OperationTypeNode}`;
  readonly body: string;
  /** Which client it was written for (the folder of gateway/operations: explorer, dashboard, partners). */
  readonly clientName?: string;
}

export interface PersistedManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly operations: readonly PersistedOperation[];
}

export const documentId = (body: string): string => createHash('sha256').update(body).digest('hex');

/** The fragments an operation spreads, directly or through other fragments, in the document's order. */
function fragmentsOf(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Set<string>();
  const walk = (node: ASTNode) => visit(node, {
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (!fragment || used.has(fragment.name.value)) return;
      used.add(fragment.name.value);
      walk(fragment);
    },
  });
  walk(operation);
  return [...fragments.values()].filter((f) => used.has(f.name.value));
}

/**
 * An operation file's manifest entries: each named operation with the fragments it spreads, printed, so that comments
 * and layout do not change its id (a file may hold several, as an explorer tab does).
 */
export function persistedOperations(source: string, origin: string): PersistedOperation[] {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    throw new Error(`${origin}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map(document.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  if (!operations.length || operations.some((o) => !o.name)) throw new Error(`${origin}: every operation of an operation file is named, and it has one at least`);
  return operations.map((operation) => {
    const body = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsOf(operation, fragments)] });
    return { id: documentId(body), name: operation.name?.value ?? '', type: operation.operation, body };
  });
}

/** The manifest of these operations, each body once (the explorer and the dashboard may share one). */
export function buildManifest(operations: readonly PersistedOperation[]): PersistedManifest {
  const byId = new Map(operations.map((o) => [o.id, o]));
  return { format: MANIFEST_FORMAT, version: 1, operations: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) };
}

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  operations: z.array(z.object({
    id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), type: z.enum(['query', 'mutation', 'subscription']), body: z.string(),
    clientName: z.string().optional(),
  })),
});

/** A manifest read from its JSON, checked: each id must be its body's hash, so that an id always means one document. */
export function readManifest(json: string, origin: string): PersistedManifest {
  const parsed = manifestSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`${origin}: not a persisted query manifest: ${z.prettifyError(parsed.error)}`);
  const wrong = parsed.data.operations.find((o) => documentId(o.body) !== o.id);
  if (wrong) throw new Error(`${origin}: operation ${wrong.name}'s id is not the sha256 of its body`);
  return parsed.data as PersistedManifest;
}
