import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A subject's open subscriptions, counted wherever they are held: `acquire` answers a release, or null when full. */
export interface SubjectSlots {
  /** How many one subject may hold. */
  readonly max: number;
  acquire(subject: string): Promise<(() => void) | null>;
}

/** How long a replica's slot lasts unless renewed: a replica that dies frees its subjects' slots after this. */
const SLOT_LEASE_MS = 30_000;
const SLOT_RENEW_MS = 10_000;

// Atomic in Redis: drop expired slots, refuse past the bound, else take one (its score: when it expires).
const ACQUIRE = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

function memorySlots(max: number): SubjectSlots {
  const open = new Map<string, number>();
  return {
    max,
    async acquire(subject) {
      const held = open.get(subject) ?? 0;
      if (held >= max) return null;
      open.set(subject, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(subject) ?? 1) - 1;
        if (left > 0) open.set(subject, left);
        else open.delete(subject);
      };
    },
  };
}

/**
 * Where the limits that must hold across replicas keep their counts: Redis when REDIS_URL is set, so that two gateway
 * replicas allow one subject what one would; this process's memory otherwise. Should Redis fail, each replica goes
 * on counting in its own memory (rate-limiter-flexible's insurance limiter): limits loosen, service goes on.
 */
export class SharedCounters {
  private readonly replica = randomBytes(6).toString('hex');
  private slotCount = 0;
  private readonly held = new Map<string, string>();
  private renewTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly redis: Redis | null, readonly prefix: string) {}

  /** Counts in this process's memory only. */
  static memory(): SharedCounters {
    return new SharedCounters(null, '');
  }

  /** Counts in the Redis at `url`, under keys starting with `prefix`. */
  static redis(url: string, prefix = 'yrd:'): SharedCounters {
    // Never queue commands while disconnected: a limit check answers at once (from the insurance) instead.
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    redis.on('error', () => undefined);
    return new SharedCounters(redis, prefix);
  }

  /** Where the counts are, for the start-up log. */
  get where(): string {
    return this.redis ? 'redis' : 'memory';
  }

  /** A limiter of `points` per `seconds` for each key, its keys apart from the other limiters' by `name`. */
  limiter(name: string, points: number, seconds: number): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ points, duration: seconds });
    if (!this.redis) return memory;
    return new RateLimiterRedis({
      storeClient: this.redis, points, duration: seconds, keyPrefix: `${this.prefix}${name}`, insuranceLimiter: memory, rejectIfRedisNotReady: true,
    });
  }

  /** At most `max` open at once per subject, across every replica sharing these counters. */
  slots(name: string, max: number): SubjectSlots {
    const local = memorySlots(max);
    const redis = this.redis;
    if (!redis) return local;
    return {
      max,
      acquire: async (subject) => {
        const key = `${this.prefix}${name}:${subject}`;
        const member = `${this.replica}:${++this.slotCount}`;
        try {
          const now = Date.now();
          const taken = await redis.eval(ACQUIRE, 1, key, now, max, now + SLOT_LEASE_MS, member, SLOT_LEASE_MS * 2) as number;
          if (!taken) return null;
        } catch {
          return local.acquire(subject);
        }
        this.held.set(member, key);
        this.renewSoon();
        return () => {
          if (!this.held.delete(member)) return;
          void redis.zrem(key, member).catch(() => undefined);
        };
      },
    };
  }

  async close(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    if (this.redis) {
      const releases = [...this.held].map(([member, key]) => this.redis?.zrem(key, member).catch(() => undefined));
      this.held.clear();
      await Promise.all(releases);
      this.redis.disconnect();
    }
  }

  /** This replica's slots stay taken while it lives: their expiry moves on every SLOT_RENEW_MS. */
  private renewSoon(): void {
    if (this.renewTimer || !this.redis) return;
    const redis = this.redis;
    this.renewTimer = setInterval(() => {
      if (!this.held.size) return;
      const pipeline = redis.pipeline();
      const until = Date.now() + SLOT_LEASE_MS;
      for (const [member, key] of this.held) pipeline.zadd(key, 'XX', until, member).pexpire(key, SLOT_LEASE_MS * 2);
      void pipeline.exec().catch(() => undefined);
    }, SLOT_RENEW_MS);
    this.renewTimer.unref();
  }
}
