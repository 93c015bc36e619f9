import type { FetchCache } from './FetchCache';

export interface ReachabilityWatch {
  /** What to watch: each province's subgraph by its code, and the region as 'region', by their GraphQL URLs. */
  readonly targets: () => readonly { readonly name: string; readonly url: string }[];
  readonly cache: FetchCache;
  /** Between rounds. Default 500 ms. */
  readonly intervalMs?: number;
  /** How long one may take to answer. Default 500 ms. */
  readonly timeoutMs?: number;
}

/**
 * Asks each subgraph's /health/live twice a second, so that the cache notices a subgraph cut off within about a
 * second even while it answers every read itself (and so sends the subgraph nothing). One that does not answer is
 * away for the cache (FetchCache.reachable) until it answers again.
 */
export function watchReachability(options: ReachabilityWatch): { stop(): void } {
  const intervalMs = options.intervalMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const round = async () => {
    await Promise.all(options.targets().map(async ({ name, url }) => {
      const live = new URL(url);
      live.pathname = live.pathname.replace(/\/graphql$/, '') + '/health/live';
      const up = await fetch(live, { signal: AbortSignal.timeout(timeoutMs) }).then((res) => {
        void res.body?.cancel();
        return res.ok;
      }, () => false);
      if (!stopped) options.cache.reachable(name, up);
    }));
    if (!stopped) {
      timer = setTimeout(() => void round(), intervalMs);
      timer.unref();
    }
  };
  void round();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
