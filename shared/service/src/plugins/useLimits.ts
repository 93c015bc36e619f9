import { hash } from 'node:crypto';
import { checkVariableValues, limitRules, parseWithinLimits, type OperationLimits } from '../limits';
import type { ServicePlugin } from '../pipeline';

/**
 * What one operation may ask for (tokens, depth, aliases, root fields, cost, directives, variable values), over every
 * transport: the token count and the variables' size before anything else parses or coerces them, the rest as
 * validation rules.
 */
export function useLimits(limits: OperationLimits): ServicePlugin & { readonly limits: OperationLimits } {
  // Clients send the same few operations over and over: one counted within the limit is not counted again. Kept by
  // hash, so that 1,000 entries are 1,000 small keys, not 1,000 request bodies.
  const withinTokens = new Set<string>();
  const keyOf = (query: string) => hash('sha256', query, 'base64url');
  return {
    name: 'limits',
    limits,
    onOperation({ query, variables }) {
      checkVariableValues(variables, limits);
      if (query === undefined) return;
      const key = keyOf(query);
      if (withinTokens.has(key)) return;
      parseWithinLimits(query, limits);
      if (withinTokens.size >= 1000) withinTokens.delete(withinTokens.values().next().value as string);
      withinTokens.add(key);
    },
    parse: (source) => parseWithinLimits(source, limits),
    validationRules: limitRules(limits),
  };
}
