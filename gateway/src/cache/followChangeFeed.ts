import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ENTITY_KIND_VALUES, positionIn } from '@yrd/domain';
import { postJson } from '@yrd/service';
import type { FetchCache } from './FetchCache';

export interface ChangeFeedFollowing {
  /** How the cache learns of changes: the region's merged feed, as a reader whose token this gives. */
  readonly regionUrl: () => string | undefined;
  readonly token: () => Promise<string>;
  readonly cache: FetchCache;
  /** Each change's lag: from its commit in its province to its arrival here, in seconds. */
  lag?(seconds: number): void;
  /** A line for the log when following starts or stops, and why. */
  log?(message: string, error?: unknown): void;
  /** Wait before following again after the feed dropped. Default 1000 ms. */
  readonly retryMs?: number;
}

/** The region asks every province for its head, waiting up to 3 s for each. */
const HEAD_TIMEOUT_MS = 5000;
const CHANGES = 'subscription ($after: String) { changes(after: $after) { province entity recordId at cursor } }';

interface Change {
  readonly province: string;
  /** The kind of record, as the EntityKind enum spells it (CAPACITY_RECORD). */
  readonly entity: string;
  /** The changed record's key: which port's (and month's) records it touched, for the kinds whose keys tell (keysOfChange). */
  readonly recordId: string;
  readonly at: string;
  readonly cursor: string;
}

/**
 * Keeps the fetch cache true to the provinces' records: it serves only while it follows the region's merged change
 * feed, from the feed's head when it started. Every change then voids what depends on it. When the feed drops (the
 * region restarting, a network cut) the cache stops serving at once, and starts afresh (empty) once it follows again.
 */
export function followChangeFeed(options: ChangeFeedFollowing): { stop(): Promise<void> } {
  let stopped = false;
  let client: Client | null = null;
  let wake: (() => void) | null = null;
  const retryMs = options.retryMs ?? 1000;

  const followOnce = async (): Promise<void> => {
    const url = options.regionUrl();
    if (!url) throw new Error('no region URL in the supergraph');
    const authorization = `Bearer ${await options.token()}`;
    // From the head now: every change after it comes through the subscription, those before are in what the
    // subgraphs answer from now on.
    const head = await postJson(url, JSON.stringify({ query: '{ changeCursor }' }), { authorization }, AbortSignal.timeout(HEAD_TIMEOUT_MS));
    const cursor = (JSON.parse(head.text) as { data?: { changeCursor?: unknown } }).data?.changeCursor;
    if (typeof cursor !== 'string') throw new Error(`the region gave no change cursor (${head.status})`);
    // Stopped while it asked: nothing to follow.
    if (stopped) return;
    await new Promise<void>((resolve, reject) => {
      wake = resolve;
      const feed = createClient({
        url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization }, lazy: false, retryAttempts: 0,
        on: {
          connected: () => {
            options.cache.follow(true);
            options.log?.('the fetch cache follows the change feed');
          },
          closed: () => resolve(),
        },
        onNonLazyError: reject,
      });
      client = feed;
      feed.subscribe<{ changes?: Change }>({ query: CHANGES, variables: { after: cursor } }, {
        next: ({ data, errors }) => {
          const change = data?.changes;
          if (!change) return reject(new Error(errors?.[0]?.message ?? 'a change event without its change'));
          options.cache.heard(change.province, ENTITY_KIND_VALUES[change.entity] ?? null, positionIn(change.cursor, change.province),
            typeof change.recordId === 'string' ? change.recordId : null);
          const committed = Date.parse(change.at);
          if (Number.isFinite(committed)) options.lag?.(Math.max(0, Date.now() - committed) / 1000);
        },
        error: reject,
        complete: () => resolve(),
      });
    }).finally(() => {
      options.cache.follow(false);
      const closing = client;
      client = null;
      wake = null;
      void closing?.dispose();
    });
  };

  const done = (async () => {
    while (!stopped) {
      try {
        await followOnce();
        if (!stopped) options.log?.('the change feed ended: the fetch cache serves nothing until it follows again');
      } catch (error) {
        if (!stopped) options.log?.('the change feed cannot be followed: the fetch cache serves nothing until it can', error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, retryMs).unref();
      });
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
