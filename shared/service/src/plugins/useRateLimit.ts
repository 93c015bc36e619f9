import type { Authenticator } from '../auth';
import { DEFAULT_RATE_LIMIT, SharedCounters, SubjectRateLimiter, type RateLimit } from '../limits';
import type { ServicePlugin } from '../pipeline';

/** Each subject's operations, over every transport (and every replica sharing `counters`), within `rate` (null: off). */
export function useRateLimit(authenticator: Authenticator, rate: RateLimit | null = DEFAULT_RATE_LIMIT, counters?: SharedCounters): ServicePlugin {
  const limiter = rate && new SubjectRateLimiter(rate, counters);
  return {
    name: 'rate-limit',
    async onOperation({ headers }) {
      if (!limiter) return;
      const actor = await authenticator.actorFrom(headers.authorization);
      await limiter.admit(actor.subject);
    },
  };
}
