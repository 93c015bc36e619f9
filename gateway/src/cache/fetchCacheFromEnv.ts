import { z } from 'zod';
import type { FetchCacheSettings } from './FetchCache';

const settings = z.object({
  GATEWAY_CACHE: z.enum(['on', 'off']).default('on'),
  GATEWAY_CACHE_MAX_MB: z.coerce.number().int().min(1).max(4096).default(32),
  CACHE_FEED_TOKEN: z.string().min(1).max(8192).optional(),
});

/** The fetch cache's settings: GATEWAY_CACHE=on|off, GATEWAY_CACHE_MAX_MB, CACHE_FEED_TOKEN. A bad value stops the start. */
export function fetchCacheFromEnv(env: NodeJS.ProcessEnv): FetchCacheSettings {
  const parsed = settings.safeParse(env);
  if (!parsed.success) {
    throw new Error(`the fetch cache's settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const { GATEWAY_CACHE, GATEWAY_CACHE_MAX_MB, CACHE_FEED_TOKEN } = parsed.data;
  if (GATEWAY_CACHE === 'off') return false;
  return { maxBytes: GATEWAY_CACHE_MAX_MB * 1024 * 1024, ...(CACHE_FEED_TOKEN ? { feedToken: async () => CACHE_FEED_TOKEN } : {}) };
}
