import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  GraphQLError, Kind, type DocumentNode, type SelectionNode, type ValidationContext, type ValidationRule,
} from 'graphql';
import { ErrorCode } from '@yrd/domain';

/** What one operation may ask for at the gateway. Each limit has its own error code. */
export interface OperationLimits {
  /** Lexical tokens in the document: TOKEN_LIMIT_EXCEEDED. */
  readonly maxTokens: number;
  /** Nesting of selections: DEPTH_LIMIT_EXCEEDED. */
  readonly maxDepth: number;
  /** Aliased fields: ALIAS_LIMIT_EXCEEDED. */
  readonly maxAliases: number;
  /** Fields at the root of the operation: ROOT_FIELD_LIMIT_EXCEEDED. */
  readonly maxRootFields: number;
  /** GraphQL Armor's cost (objects 2, scalars 1, by depth): COST_LIMIT_EXCEEDED. */
  readonly maxCost: number;
  /** Directives: DIRECTIVE_LIMIT_EXCEEDED. */
  readonly maxDirectives: number;
  /** Values in the variables (every list item and object field, nested ones too): VARIABLE_LIMIT_EXCEEDED. */
  readonly maxVariableValues: number;
}

/**
 * GraphQL Armor's defaults, but for depth and cost: a cross-province record nests (a route's destination's terminals'
 * steps, under a subscription's event), and every list is a connection, one level deeper (nodes) or two (edges, node)
 * than a plain list; Armor's cost grows by half with every level. So depth 10 rather than 6, and cost 10000 rather
 * than 5000.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxTokens: 1000, maxDepth: 10, maxAliases: 15, maxRootFields: 10, maxCost: 10000, maxDirectives: 50,
  // Ten filter lists at their 500-value limit; an input with its 50 milestones is a few hundred.
  maxVariableValues: 5000,
};

/**
 * A subgraph's limits: what its gateway (or the region) forwards for an operation within the gateway's limits. The
 * query planner adds key fields, __typename and the _entities wrapper (two levels), and aliases fields that clash;
 * so each limit has room over the gateway's, and a caller is still stopped at the gateway first.
 */
export const SUBGRAPH_OPERATION_LIMITS: OperationLimits = {
  maxTokens: 5000, maxDepth: 16, maxAliases: 60, maxRootFields: 20, maxCost: 100000, maxDirectives: 100,
  // An _entities fetch of its 5,000 representations, each a few key fields.
  maxVariableValues: 50000,
};

/** `given` over the defaults, where set: an unset (undefined) limit keeps its default rather than switching it off. */
export function withDefaults(given: Partial<OperationLimits> = {}, defaults: OperationLimits = DEFAULT_OPERATION_LIMITS): OperationLimits {
  return { ...defaults, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
}

export const LIMIT_CODES: Record<keyof OperationLimits, ErrorCode> = {
  maxTokens: ErrorCode.TOKEN_LIMIT_EXCEEDED,
  maxDepth: ErrorCode.DEPTH_LIMIT_EXCEEDED,
  maxAliases: ErrorCode.ALIAS_LIMIT_EXCEEDED,
  maxRootFields: ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
  maxCost: ErrorCode.COST_LIMIT_EXCEEDED,
  maxDirectives: ErrorCode.DIRECTIVE_LIMIT_EXCEEDED,
  maxVariableValues: ErrorCode.VARIABLE_LIMIT_EXCEEDED,
};

const limitError = (limit: keyof OperationLimits, message: string) =>
  new GraphQLError(message.replace(/^Syntax Error: /, ''), { extensions: { code: LIMIT_CODES[limit], http: { status: 400 } } });

/** Armor's rules report through the validation context, under this platform's code for each limit. */
const armor = (limit: keyof OperationLimits) => ({
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(limit, error.message))],
});

/** The fields a selection set asks for at its own level, through inline fragments and fragment spreads. */
function fieldsAtLevel(context: ValidationContext, selections: readonly SelectionNode[], seen = new Set<string>()): number {
  return selections.reduce((count, s) => {
    if (s.kind === Kind.FIELD) return count + (s.name.value.startsWith('__') ? 0 : 1);
    if (s.kind === Kind.INLINE_FRAGMENT) return count + fieldsAtLevel(context, s.selectionSet.selections, seen);
    if (seen.has(s.name.value)) return count;
    seen.add(s.name.value);
    const fragment = context.getFragment(s.name.value);
    return count + (fragment ? fieldsAtLevel(context, fragment.selectionSet.selections, seen) : 0);
  }, 0);
}

/** Counts the fields at the root of each operation, fragments included (not in GraphQL Armor). */
const maxRootFieldsRule = (n: number): ValidationRule => (context) => ({
  OperationDefinition(operation) {
    const count = fieldsAtLevel(context, operation.selectionSet.selections);
    if (count > n) {
      context.reportError(limitError('maxRootFields', `Root field limit of ${n} exceeded, found ${count}.`));
    }
  },
});

/** The validation rules that enforce `limits`, added to graphql-js's own. */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ...armor('maxDepth') }),
    maxAliasesRule({ n: limits.maxAliases, ...armor('maxAliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armor('maxDirectives') }),
    costLimitRule({ maxCost: limits.maxCost, ...armor('maxCost') }),
    maxRootFieldsRule(limits.maxRootFields),
  ] as ValidationRule[];
}

/**
 * Refuses variables holding more than `limits.maxVariableValues` values, counted before anything coerces or forwards
 * them: the walk stops at the first value over the limit, so it costs at most the limit, whatever was sent.
 */
export function checkVariableValues(variables: unknown, limits: OperationLimits): void {
  let count = 0;
  const pending: unknown[] = [variables];
  while (pending.length) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    count += children.length;
    if (count > limits.maxVariableValues) {
      throw limitError('maxVariableValues', `Variable value limit of ${limits.maxVariableValues} exceeded.`);
    }
    for (const child of children) if (child !== null && typeof child === 'object') pending.push(child);
  }
}

/** Parses `source`, stopping as soon as it passes the token limit; a syntax error is GRAPHQL_PARSE_FAILED. */
export function parseWithinLimits(source: string, limits: OperationLimits): DocumentNode {
  try {
    return new MaxTokensParserWLexer(source, { n: limits.maxTokens, exposeLimits: true, propagateOnRejection: true, onReject: [] }).parseDocument();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Token limit/i.test(message)) throw limitError('maxTokens', message);
    throw new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } });
  }
}
