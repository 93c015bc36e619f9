import { z } from 'zod';
import { DEFAULT_CACHE_BYTES, type FetchCacheSettings } from './FetchCache';

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

/** What the gateway needs on its heap beside the cache: itself (about 80 MiB) and answers in flight. */
const HEAP_BESIDE_CACHE_MIB = 160;

/**
 * Refuses a cache bound the heap cannot hold beside the gateway itself (GATEWAY_CACHE_MAX_MB raised, Node's heap
 * left at GATEWAY_NODE_ARGS's 192 MiB): better a clear error at the start than running out of memory under load.
 */
export function checkHeapRoom(settings: FetchCacheSettings, heapLimitBytes: number): void {
  if (settings === false) return;
  const cacheMiB = Math.ceil((settings.maxBytes ?? DEFAULT_CACHE_BYTES) / 1024 / 1024);
  const neededMiB = cacheMiB + HEAP_BESIDE_CACHE_MIB;
  const heapMiB = Math.floor(heapLimitBytes / 1024 / 1024);
  if (heapMiB < neededMiB) {
    throw new Error(`a fetch cache of ${cacheMiB} MiB needs a heap of at least ${neededMiB} MiB and this gateway has ${heapMiB} MiB: `
      + `start it with node --max-old-space-size=${neededMiB}, or lower GATEWAY_CACHE_MAX_MB`);
  }
}
