import {
  GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs,
  type GraphQLSchema, type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { LRUCache } from 'lru-cache';
import { ErrorCode, withoutSuggestions as stripSuggestions } from '@yrd/domain';

export interface OperationChecks {
  /** Parses with limits (e.g. a token count); graphql-js's parse by default. */
  readonly parse?: (source: string) => DocumentNode;
  /** Rules beyond graphql-js's own (depth, aliases, cost ...). */
  readonly validationRules?: readonly ValidationRule[];
  /** Introspection off: refused, and no "Did you mean ...?" in messages either (as Apollo Server does over HTTP). */
  readonly introspection?: boolean;
  /** Where documents that passed are kept, so that the same text is parsed and validated once per schema. */
  readonly validated?: ValidatedDocuments;
}

/** What a kept document is reckoned to take: its text and its syntax tree, several times the text. */
const DOCUMENT_BYTES_PER_CHARACTER = 24;

/**
 * Documents that parsed and passed validation against a schema, by their text, as Apollo Server's document store
 * keeps them over HTTP: a thousand partners subscribing with one document are checked once. Bounded in bytes, least
 * recently used out first; a schema replaced (a new supergraph) takes its documents with it.
 */
export class ValidatedDocuments {
  private readonly bySchema = new WeakMap<GraphQLSchema, LRUCache<string, DocumentNode>>();

  constructor(private readonly maxBytes = 8 * 1024 * 1024) {}

  of(schema: GraphQLSchema): LRUCache<string, DocumentNode> {
    let kept = this.bySchema.get(schema);
    if (!kept) {
      kept = new LRUCache<string, DocumentNode>({
        maxSize: this.maxBytes, maxEntrySize: this.maxBytes / 64, sizeCalculation: (_document, text) => text.length * DOCUMENT_BYTES_PER_CHARACTER + 1,
      });
      this.bySchema.set(schema, kept);
    }
    return kept;
  }
}

const withoutSuggestions = (error: GraphQLError) => new GraphQLError(stripSuggestions(error.message), {
  nodes: error.nodes, source: error.source, positions: error.positions, extensions: error.extensions,
});

const coded = (error: GraphQLError, code: string) => (error.extensions.code ? error
  : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } }));

/**
 * Parses, validates and coerces the variables of an operation sent over WebSocket or SSE as Apollo Server does for
 * HTTP, and with the same codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT), so that no such
 * error reaches masking without a code (it would show as an internal error) or closes a socket.
 */
export function prepareOperation(
  schema: GraphQLSchema, request: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  checks: OperationChecks = {},
): Omit<ExecutionArgs, 'contextValue'> | readonly GraphQLError[] {
  const hidden = checks.introspection === false;
  const kept = checks.validated?.of(schema);
  let document = kept?.get(request.query);
  if (!document) {
    try {
      document = checks.parse ? checks.parse(request.query) : parse(request.query);
    } catch (error) {
      return [error instanceof GraphQLError ? coded(error, 'GRAPHQL_PARSE_FAILED')
        : new GraphQLError('The operation could not be parsed', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const invalid = validate(schema, document, [
      ...specifiedRules, ...(checks.validationRules ?? []), ...(hidden ? [NoSchemaIntrospectionCustomRule] : []),
    ]);
    if (invalid.length) return invalid.map((e) => coded(hidden ? withoutSuggestions(e) : e, 'GRAPHQL_VALIDATION_FAILED'));
    kept?.set(request.query, document);
  }
  const operation = getOperationAST(document, request.operationName);
  if (!operation) {
    return [new GraphQLError('Name the operation to run (operationName)', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
  }
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (variables.errors) return variables.errors.map((e) => coded(hidden ? withoutSuggestions(e) : e, ErrorCode.BAD_USER_INPUT));
  return { schema, document, operationName: request.operationName, variableValues: request.variables ?? {} };
}
