import { createHash } from 'node:crypto';
import type { Authenticator } from '../auth';
import type { RequestGuard } from '../server';
import type { OperationChecks } from '../subscriptions';
import { DEFAULT_OPERATION_LIMITS, limitRules, parseWithinLimits, type OperationLimits } from './operationLimits';
import { DEFAULT_RATE_LIMIT, SubjectRateLimiter, type RateLimit } from './rateLimit';

export interface LimitsConfig {
  readonly operations?: Partial<OperationLimits>;
  /** Per subject; null turns rate limiting off. */
  readonly rate?: RateLimit | null;
}

export interface ServiceLimits {
  /** Before every HTTP operation: a valid token, within its subject's rate, within the token count. */
  readonly guard: RequestGuard;
  /** The same for an operation over WebSocket or SSE: who sends it... */
  admit(headers: Readonly<Record<string, string>>): Promise<void>;
  /** ...and how it is parsed and validated. */
  readonly checks: OperationChecks;
  readonly operations: OperationLimits;
}

/** A service's limits, on by default, the same over HTTP, WebSocket and SSE. */
export function serviceLimits(config: LimitsConfig, authenticator: Authenticator): ServiceLimits {
  // An unset setting keeps its default: spread as undefined it would switch the limit off, or fall back to Armor's own.
  const given = Object.entries(config.operations ?? {}).filter(([, value]) => value !== undefined);
  const operations: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...Object.fromEntries(given) };
  const limiter = config.rate === null ? null : new SubjectRateLimiter(config.rate ?? DEFAULT_RATE_LIMIT);
  const admit = async (authorization: string | undefined) => {
    const actor = await authenticator.actorFrom(authorization);
    await limiter?.admit(actor.subject);
  };
  // Clients send the same few operations over and over: one counted within the limit is not counted again. Kept by
  // hash, so that 1,000 entries are 1,000 small keys, not 1,000 request bodies.
  const withinTokens = new Set<string>();
  const keyOf = (query: string) => createHash('sha256').update(query).digest('base64url');
  return {
    operations,
    guard: async ({ headers, query }) => {
      await admit(headers.authorization);
      if (query === undefined) return;
      const key = keyOf(query);
      if (withinTokens.has(key)) return;
      parseWithinLimits(query, operations);
      if (withinTokens.size >= 1000) withinTokens.delete(withinTokens.values().next().value as string);
      withinTokens.add(key);
    },
    admit: (headers) => admit(headers.authorization),
    checks: { parse: (source) => parseWithinLimits(source, operations), validationRules: limitRules(operations) },
  };
}
