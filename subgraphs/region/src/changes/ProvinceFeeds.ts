import { GraphQLError, type ExecutionResult } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import {
  CALLER_ERROR_CODES, ErrorCode, encodeRegionalCursor, type EntityKind, type FeedEvent, type Positions, type ProvinceEndpoint,
} from '@yrd/domain';
import { EventQueue, UpstreamClients, resumableSubscription, type Sink } from '@yrd/service';



/** A province's change as the region delivers it: with the cursor that resumes right after it. */
export interface RegionalEvent extends FeedEvent {
  readonly cursor: string;
}

export interface RegionalSubscription {
  readonly provinces: readonly string[];
  /** Passed down to the provinces' feeds. */
  readonly entities: readonly EntityKind[] | null;
  /** A further filter applied here. */
  accept(event: FeedEvent): boolean;
  /** Positions to resume after; a province without one starts at its feed's end. */
  readonly after: Positions | null;
  readonly headers: Readonly<Record<string, string>>;
}

const FEED_SUBSCRIPTION = `subscription ($after: Int!, $entities: [String!]) {
  changes(after: $after, entities: $entities) { position province entity id kind at actor changedFields }
}`;

/** The feed's WebSocket URL beside a subgraph's HTTP URL: http://host:4002/graphql -> ws://host:4002/feed. */
export const feedUrl = (graphqlUrl: string) => {
  const url = new URL(graphqlUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = url.pathname.replace(/\/graphql$/, '') + '/feed';
  return url.toString();
};

const unavailable = (province: string) => new GraphQLError(
  `The ${province.toLowerCase()} subgraph is unavailable; its change feed cannot be read now`,
  { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: province.toLowerCase(), province } },
);

/** Runs one operation (a query) over a feed connection and returns its single result. */
function once(send: (request: SubscribePayload, sink: Sink) => () => void, query: string, timeoutMs: number): Promise<ExecutionResult> {
  return new Promise((resolve, reject) => {
    let result: ExecutionResult | null = null;
    const timer = setTimeout(() => {
      stop();
      reject(new Error('timed out'));
    }, timeoutMs);
    const stop = send({ query }, {
      next: (value) => { result = value as ExecutionResult; },
      error: (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error('feed connection failed'));
      },
      complete: () => {
        clearTimeout(timer);
        if (result) resolve(result);
        else reject(new Error('no result'));
      },
    });
  });
}

/**
 * The provinces' change feeds as the region reads them: one graphql-ws connection per province and identity, each
 * regional subscription a merge of one resumable feed subscription per province it asks for.
 */
export class ProvinceFeeds {
  private readonly clients: Map<string, UpstreamClients>;
  private open = 0;

  constructor(endpoints: readonly ProvinceEndpoint[], private readonly timeoutMs = 3000) {
    this.clients = new Map(endpoints.map((e) => [e.province, new UpstreamClients(feedUrl(e.url))]));
  }

  /** Regional subscriptions open now. */
  get openSubscriptions(): number {
    return this.open;
  }

  get provinces(): string[] {
    return [...this.clients.keys()];
  }

  private sender(province: string, headers: Readonly<Record<string, string>>) {
    const clients = this.clients.get(province);
    if (!clients) throw new Error(`no feed for ${province}`);
    return (request: SubscribePayload, sink: Sink) => clients.subscribe(headers, request, sink);
  }

  /** The position of each province's last change now; SUBGRAPH_UNAVAILABLE names a province that does not answer. */
  async heads(provinces: readonly string[], headers: Readonly<Record<string, string>>): Promise<Positions> {
    const entries = await Promise.all(provinces.map(async (province) => {
      const ask = () => once(this.sender(province, headers), '{ head }', this.timeoutMs);
      try {
        // A connection that died while the province was away fails at once, and the next one is opened afresh: asked
        // again once (never after a timeout, which already took the caller's time).
        const result = await ask().catch((error: unknown) => {
          if (error instanceof Error && error.message === 'timed out') throw error;
          return ask();
        });
        const head = (result.data as { head?: unknown } | null | undefined)?.head;
        if (typeof head !== 'number') throw new Error('no head');
        return [province, head] as const;
      } catch {
        throw unavailable(province);
      }
    }));
    return Object.fromEntries(entries);
  }

  /**
   * The merged events of the subscription's provinces, in commit order within each province. A province that goes
   * away is resubscribed from its last position when it returns; meanwhile the others' events keep coming.
   */
  async subscribe(sub: RegionalSubscription): Promise<AsyncIterableIterator<RegionalEvent>> {
    const missing = sub.provinces.filter((p) => sub.after?.[p] === undefined);
    const positions: Record<string, number> = { ...sub.after, ...await this.heads(missing, sub.headers) };
    const upstreams: EventQueue<ExecutionResult>[] = [];
    const merged = new EventQueue<RegionalEvent>(async () => {
      this.open--;
      await Promise.all(upstreams.map((u) => u.return()));
    });
    this.open++;
    for (const province of sub.provinces) {
      const upstream = resumableSubscription<number>({
        subscribe: this.sender(province, sub.headers),
        request: (after) => ({ query: FEED_SUBSCRIPTION, variables: { after, entities: sub.entities } }),
        positionAfter: (result) => (result.data as { changes?: FeedEvent } | null | undefined)?.changes?.position ?? null,
        from: positions[province],
        endless: true,
      });
      upstreams.push(upstream);
      void (async () => {
        try {
          for await (const result of upstream) {
            const event = (result.data as { changes?: FeedEvent } | null | undefined)?.changes;
            if (!event) {
              // The feed could not start. What the caller got wrong ends the subscription with the province's own
              // error; anything else (its database away) is a drop: the feed completes and is resubscribed.
              const refusal = result.errors?.find((e) => CALLER_ERROR_CODES.has(String(e.extensions?.code)));
              if (refusal) throw new GraphQLError(refusal.message, { extensions: refusal.extensions });
              continue;
            }
            positions[province] = event.position;
            if (sub.accept(event)) merged.push({ ...event, cursor: encodeRegionalCursor(positions) });
          }
        } catch (error) {
          merged.end(error);
        }
      })();
    }
    return merged;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.dispose()));
  }
}
