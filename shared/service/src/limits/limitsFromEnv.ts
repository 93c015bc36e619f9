import { z } from 'zod';
import type { OperationLimits } from './operationLimits';
import type { RateLimit } from './rateLimit';
import { SharedCounters } from './SharedCounters';

export interface LimitsConfig {
  readonly operations?: Partial<OperationLimits>;
  /** Per subject; null turns rate limiting off, undefined keeps the default. */
  readonly rate?: RateLimit | null;
}

const positive = z.coerce.number().int().positive();

const rateVariable = z.string().regex(/^(off|[1-9]\d*\/[1-9]\d*)$/, 'is "<operations>/<seconds>", both at least 1, e.g. 600/60, or "off"');

const limitVariables = z.object({
  MAX_BODY_BYTES: positive.optional(),
  MAX_TOKENS: positive.optional(),
  MAX_DEPTH: positive.optional(),
  MAX_ALIASES: z.coerce.number().int().nonnegative().optional(),
  MAX_ROOT_FIELDS: positive.optional(),
  MAX_COST: positive.optional(),
  MAX_DIRECTIVES: z.coerce.number().int().nonnegative().optional(),
  MAX_VARIABLE_VALUES: positive.optional(),
  RATE_LIMIT: rateVariable.optional(),
  SUBGRAPH_RATE_LIMIT: rateVariable.optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'is redis://host:port (or rediss:// for TLS)').optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,40}$/, 'is 1 to 40 letters, digits, _ : . or -').default('yrd:'),
});

/** "<operations>/<seconds>" or "off" as a rate (null: off; undefined: unset, the default holds). */
const rateOf = (value: string | undefined): RateLimit | null | undefined => {
  if (value === undefined) return undefined;
  if (value === 'off') return null;
  const [operations, perSeconds] = value.split('/').map(Number);
  return { operations, perSeconds };
};

/** A service's limits from the environment (unset: the defaults); exits on an invalid value. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): LimitsConfig & {
  maxBodyBytes?: number;
  /** A subgraph's rate per subject (SUBGRAPH_RATE_LIMIT), apart from the gateway's: it must allow the fan-out. */
  subgraphRate?: RateLimit | null;
  /** Where the per-subject limits count: Redis at REDIS_URL (shared by replicas), else this process's memory. */
  counters: () => SharedCounters;
} {
  const parsed = limitVariables.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`invalid ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const v = parsed.data;
  return {
    maxBodyBytes: v.MAX_BODY_BYTES,
    operations: {
      maxTokens: v.MAX_TOKENS, maxDepth: v.MAX_DEPTH, maxAliases: v.MAX_ALIASES, maxRootFields: v.MAX_ROOT_FIELDS,
      maxCost: v.MAX_COST, maxDirectives: v.MAX_DIRECTIVES, maxVariableValues: v.MAX_VARIABLE_VALUES,
    },
    rate: rateOf(v.RATE_LIMIT),
    subgraphRate: rateOf(v.SUBGRAPH_RATE_LIMIT),
    counters: () => (v.REDIS_URL ? SharedCounters.redis(v.REDIS_URL, v.REDIS_KEY_PREFIX) : SharedCounters.memory()),
  };
}
