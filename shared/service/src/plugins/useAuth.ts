import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Authenticator } from '../auth';
import { SharedCounters, rateLimited } from '../limits';
import type { ServicePlugin } from '../pipeline';

export interface FailedAuthLimit {
  /** Failed authentications one address may make per `perSeconds` before it is refused without a look at its token. */
  readonly failures: number;
  readonly perSeconds: number;
}

/** 60 failures a minute per address: far above a person who mistyped, far below a token-guessing or padding loop. */
export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimit = { failures: 60, perSeconds: 60 };

/**
 * Every caller shows a valid token before its body is read or its operation parsed. An address whose tokens keep
 * failing is answered RATE_LIMITED (429, Retry-After) instead of 401 until it slows down; a valid token is served
 * whatever others at its address did (behind a load balancer or a NAT, many callers share one).
 */
export function useAuth(
  authenticator: Authenticator, failedLimit: FailedAuthLimit | null = DEFAULT_FAILED_AUTH_LIMIT, counters: SharedCounters = SharedCounters.memory(),
): ServicePlugin {
  const failures = failedLimit && counters.limiter('failed-auth', failedLimit.failures, failedLimit.perSeconds);
  return {
    name: 'auth',
    async onAuthenticate({ headers, address }) {
      try {
        const { expiresAt } = await authenticator.session(headers.authorization);
        return { expiresAt };
      } catch (error) {
        if (!failures) throw error;
        try {
          await failures.consume(address);
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) throw rateLimited('Too many failed authentications from this address', rejection);
          throw rejection;
        }
        throw error;
      }
    },
  };
}
