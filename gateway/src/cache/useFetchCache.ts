import type { ServiceMetrics, ServicePlugin } from '@yrd/service';
import type { FetchCache } from './FetchCache';
import { followChangeFeed, type ChangeFeedFollowing } from './followChangeFeed';
import { keepWholeAnswers, type WholeAnswerContext } from './keepWholeAnswers';
import { watchReachability, type ReachabilityWatch } from './watchReachability';

/**
 * The fetch cache as a capability: it follows the region's change feed while the gateway serves (and so serves
 * answers only then), watches that the subgraphs answer, keeps whole answers to queries beside the subgraphs', and
 * shows its counts, size and the feed's lag at /metrics.
 */
export function useFetchCache<TContext extends WholeAnswerContext>(
  cache: FetchCache, feed: Omit<ChangeFeedFollowing, 'cache' | 'lag'>, reachability: Omit<ReachabilityWatch, 'cache'>, metrics: ServiceMetrics,
): ServicePlugin<TContext> {
  const lag = metrics.histogram('yrd_cache_invalidation_lag_seconds',
    'From a change\'s commit in its province to its arrival at the gateway\'s fetch cache: how stale another replica\'s write can be read',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  metrics.gauge('yrd_cache_bytes', 'Bytes the fetch cache holds', () => cache.size);
  metrics.gauge('yrd_cache_serving', '1 while the fetch cache follows the change feed and serves, else 0', () => (cache.serving ? 1 : 0));
  for (const count of ['hits', 'misses', 'stored', 'discarded', 'evicted', 'invalidations', 'echoes'] as const) {
    metrics.gauge(`yrd_cache_${count}`, `Fetch cache ${count} since start`, () => cache.counts[count]);
  }
  metrics.gauge('yrd_cache_whole_answer_hits', 'Queries answered whole from the fetch cache since start (no plan run)', () => cache.counts.wholeAnswerHits);
  let following: { stop(): Promise<void> } | null = null;
  let watching: { stop(): void } | null = null;
  return {
    name: 'fetch-cache',
    apollo: [keepWholeAnswers<TContext>(cache)],
    onStart() {
      following ??= followChangeFeed({ ...feed, cache, lag });
      watching ??= watchReachability({ ...reachability, cache });
    },
    async onStop() {
      watching?.stop();
      watching = null;
      await following?.stop();
      following = null;
    },
  };
}
