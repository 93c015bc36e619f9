import type { Authenticator, OperationChecks, RequestGuard } from '@yrd/shared';
import { DEFAULT_OPERATION_LIMITS, limitRules, parseWithinLimits, type OperationLimits } from './operationLimits';
import { DEFAULT_RATE_LIMIT, SubjectRateLimiter, type RateLimit } from './rateLimit';

export interface LimitsConfig {
  readonly operations?: Partial<OperationLimits>;
  /** Per subject; null turns rate limiting off. */
  readonly rate?: RateLimit | null;
}

export interface GatewayLimits {
  /** Before every HTTP operation: a valid token, within its subject's rate, within the token count. */
  readonly guard: RequestGuard;
  /** The same for an operation over WebSocket or SSE: who sends it... */
  admit(headers: Readonly<Record<string, string>>): Promise<void>;
  /** ...and how it is parsed and validated. */
  readonly checks: OperationChecks;
  readonly operations: OperationLimits;
}

/** The gateway's limits, on by default, the same over HTTP, WebSocket and SSE. */
export function gatewayLimits(config: LimitsConfig, authenticator: Authenticator): GatewayLimits {
  const operations = { ...DEFAULT_OPERATION_LIMITS, ...config.operations };
  const limiter = config.rate === null ? null : new SubjectRateLimiter(config.rate ?? DEFAULT_RATE_LIMIT);
  const admit = async (authorization: string | undefined) => {
    const actor = await authenticator.actorFrom(authorization);
    await limiter?.admit(actor.subject);
  };
  // Clients send the same few operations over and over: one counted within the limit is not counted again.
  const withinTokens = new Set<string>();
  return {
    operations,
    guard: async ({ headers, query }) => {
      await admit(headers.authorization);
      if (query === undefined || withinTokens.has(query)) return;
      parseWithinLimits(query, operations);
      if (withinTokens.size >= 1000) withinTokens.delete(withinTokens.values().next().value as string);
      withinTokens.add(query);
    },
    admit: (headers) => admit(headers.authorization),
    checks: { parse: (source) => parseWithinLimits(source, operations), validationRules: limitRules(operations) },
  };
}
