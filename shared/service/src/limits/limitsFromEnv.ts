import { z } from 'zod';
import type { OperationLimits } from './operationLimits';
import type { RateLimit } from './rateLimit';

export interface LimitsConfig {
  readonly operations?: Partial<OperationLimits>;
  /** Per subject; null turns rate limiting off, undefined keeps the default. */
  readonly rate?: RateLimit | null;
}

const positive = z.coerce.number().int().positive();

const limitVariables = z.object({
  MAX_BODY_BYTES: positive.optional(),
  MAX_TOKENS: positive.optional(),
  MAX_DEPTH: positive.optional(),
  MAX_ALIASES: z.coerce.number().int().nonnegative().optional(),
  MAX_ROOT_FIELDS: positive.optional(),
  MAX_COST: positive.optional(),
  MAX_DIRECTIVES: z.coerce.number().int().nonnegative().optional(),
  RATE_LIMIT: z.string().regex(/^(off|[1-9]\d*\/[1-9]\d*)$/, 'is "<operations>/<seconds>", both at least 1, e.g. 600/60, or "off"').optional(),
});

/** A service's limits from the environment (unset: the defaults); exits on an invalid value. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): LimitsConfig & { maxBodyBytes?: number } {
  const parsed = limitVariables.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`invalid ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const v = parsed.data;
  const [operations, perSeconds] = v.RATE_LIMIT && v.RATE_LIMIT !== 'off' ? v.RATE_LIMIT.split('/').map(Number) : [];
  return {
    maxBodyBytes: v.MAX_BODY_BYTES,
    operations: {
      maxTokens: v.MAX_TOKENS, maxDepth: v.MAX_DEPTH, maxAliases: v.MAX_ALIASES, maxRootFields: v.MAX_ROOT_FIELDS,
      maxCost: v.MAX_COST, maxDirectives: v.MAX_DIRECTIVES,
    },
    rate: v.RATE_LIMIT === 'off' ? null : operations ? { operations, perSeconds } : undefined,
  };
}
