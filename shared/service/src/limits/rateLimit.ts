import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '@yrd/domain';
import { SharedCounters } from './SharedCounters';

export interface RateLimit {
  /** Operations one subject may send per `perSeconds`. */
  readonly operations: number;
  readonly perSeconds: number;
}

/** 600 operations a minute per subject: ten a second, well above a person and a polite system, far below a flood. */
export const DEFAULT_RATE_LIMIT: RateLimit = { operations: 600, perSeconds: 60 };

/**
 * At a subgraph: one gateway operation fans out to several fetches with the caller's token, so ten times the
 * gateway's rate; it bounds a caller who reaches a subgraph directly.
 */
export const SUBGRAPH_RATE_LIMIT: RateLimit = { operations: 6000, perSeconds: 60 };

/**
 * Counts each subject's operations (rate-limiter-flexible, in Redis across replicas or in this process's memory, as
 * `counters` keep them); over the limit is RATE_LIMITED.
 */
export class SubjectRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(readonly limit: RateLimit, counters: SharedCounters = SharedCounters.memory()) {
    this.limiter = counters.limiter('rate', limit.operations, limit.perSeconds);
  }

  async admit(subject: string): Promise<void> {
    try {
      await this.limiter.consume(subject);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw rateLimited(`More than ${this.limit.operations} operations in ${this.limit.perSeconds} s`, rejection);
    }
  }
}

/** RATE_LIMITED (429) with when to try again, in the message and in Retry-After. */
export function rateLimited(what: string, rejection: RateLimiterRes): DomainError {
  const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new DomainError(ErrorCode.RATE_LIMITED, `${what}: try again in ${retryAfter} s`,
    { retryAfterSeconds: retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } });
}
