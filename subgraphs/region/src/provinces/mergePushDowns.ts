import {
  Kind, parse, print, visit, type FieldNode, type OperationDefinitionNode, type VariableDefinitionNode,
} from 'graphql';

/** One question the region puts to a province: a query over the province's root field, and its variables. */
export interface PushDown {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

export interface ProvinceError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { code?: string } & Record<string, unknown>;
}

/** What one province answered, split back into what each push-down asked. */
export interface PartAnswer {
  readonly data: Record<string, unknown> | null;
  readonly errors: ProvinceError[];
}

export interface MergedPushDowns {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  split(body: { data?: Record<string, unknown> | null; errors?: ProvinceError[] }): PartAnswer[];
}

const parsed = new Map<string, OperationDefinitionNode>();
const MAX_PARSED = 200;

/** The operation of a push-down's query, parsed once: the region sends the same few query texts over and over. */
function operationOf(query: string): OperationDefinitionNode {
  let operation = parsed.get(query);
  if (!operation) {
    const definition = parse(query).definitions[0];
    if (definition?.kind !== Kind.OPERATION_DEFINITION) throw new Error('a push-down must be one operation');
    operation = definition;
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
    parsed.set(query, operation);
  }
  return operation;
}

/**
 * Several push-downs to one province as one operation: part i's variables are renamed `p<i>_<name>` and its root
 * fields aliased `p<i>_<key>`, so that one request carries what an operation's root fields ask of that province
 * (regionalCapacity and clearanceTimes together, say), and the answer splits back by those prefixes. One part is
 * sent as it is.
 */
export function mergePushDowns(parts: readonly PushDown[]): MergedPushDowns {
  if (parts.length === 1) {
    return {
      query: parts[0].query, variables: parts[0].variables,
      split: (body) => [{ data: body.data ?? null, errors: body.errors ?? [] }],
    };
  }
  const definitions: VariableDefinitionNode[] = [];
  const selections: FieldNode[] = [];
  const variables: Record<string, unknown> = {};
  const keysOf: string[][] = [];
  parts.forEach((part, i) => {
    const prefix = `p${i}_`;
    const renamed = visit(operationOf(part.query), {
      Variable: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    });
    definitions.push(...(renamed.variableDefinitions ?? []));
    const keys: string[] = [];
    for (const selection of renamed.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) throw new Error('a push-down selects fields at its root');
      const key = selection.alias?.value ?? selection.name.value;
      keys.push(key);
      selections.push({ ...selection, alias: { kind: Kind.NAME, value: prefix + key } });
    }
    keysOf.push(keys);
    for (const [name, value] of Object.entries(part.variables)) variables[prefix + name] = value;
  });
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION, operation: operationOf(parts[0].query).operation,
    variableDefinitions: definitions, selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  return {
    query: print(operation),
    variables,
    split(body) {
      const errors = body.errors ?? [];
      return keysOf.map((keys, i) => {
        const prefix = `p${i}_`;
        // An error with no path is the whole request's; one under another part's alias is that part's alone.
        const own = errors.flatMap((e) => {
          const head = e.path?.[0];
          if (typeof head !== 'string') return [e];
          return head.startsWith(prefix) ? [{ ...e, path: [head.slice(prefix.length), ...(e.path ?? []).slice(1)] }] : [];
        });
        const data = body.data ? Object.fromEntries(keys.map((k) => [k, body.data?.[prefix + k] ?? null])) : null;
        return { data, errors: own };
      });
    },
  };
}
