import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  ConsecutiveBreaker, ConstantBackoff, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap, type IPolicy,
} from 'cockatiel';
import { GraphQLError } from 'graphql';
import {
  ANY_KIND, CALLER_ERROR_CODES, ErrorCode, addRecordsRead, parseRecordRead, sameForEveryReader, writtenChanges, type RecordsRead,
} from '@yrd/domain';
import { isConnectionFailure, postJson, type ServiceMetrics } from '@yrd/service';
import { answerDay, bodyDigest, type Dependency, type FetchCache, type Stamped } from '../cache/FetchCache';
import type { GatewayContext } from './GatewayContext';

/** A subgraph's refusal of the request itself (4xx with one of the caller's codes): the caller's error, passed on. */
class Refusal extends Error {
  constructor(readonly error: GraphQLError) {
    super(error.message);
  }
}

export interface SubgraphPolicy {
  /** How long one fetch may take before it is aborted. Default 5000 ms. */
  readonly timeoutMs: number;
  /** Failures in a row that open the breaker: calls then fail at once, until a trial call succeeds. Default 5. */
  readonly breakAfter: number;
  /** How long the breaker stays open before a trial call. Default 2000 ms. */
  readonly halfOpenAfterMs: number;
}

export const DEFAULT_SUBGRAPH_POLICY: SubgraphPolicy = { timeoutMs: 5000, breakAfter: 5, halfOpenAfterMs: 2000 };

/**
 * Root fields whose answers depend on more than the records: who asks (viewer) or the feed's head (changeCursor).
 * Fetches naming them are never kept, and are shared in flight only by the same token.
 */
const ANSWERS_BEYOND_RECORDS = /\b(viewer|changeCursor)\b/;

/**
 * What a subgraph's answer depends on, as it says (the records it was read from, RECORDS_READ_EXTENSION); where it
 * does not say, everything.
 */
function dependenciesOf(response: GatewayGraphQLResponse): Dependency[] {
  const read: RecordsRead = new Map();
  if (!addRecordsRead(read, response.extensions)) return ['every province'];
  return [...read].flatMap(([province, records]) => (records.has(ANY_KIND) ? [{ province, kind: ANY_KIND }]
    : [...records].flatMap((record) => {
      const parsed = parseRecordRead(record);
      return parsed ? [parsed.key === null ? { province, kind: parsed.kind } : { province, kind: parsed.kind, key: parsed.key }] : [];
    })));
}

/**
 * How a data source uses the fetch cache: whose records it serves, a province's (by its code) or the region's (which
 * reads every province's); null when its answers are never kept (webhooks).
 */
export interface SubgraphCaching {
  readonly cache: FetchCache;
  readonly owner: string | 'region' | null;
}

/** A subgraph's answer: parsed for the caller that fetched it; its text parsed afresh for each caller that joined. */
interface Answer {
  readonly response: GatewayGraphQLResponse;
  readonly text: string;
}

interface InFlight {
  consumers: number;
  /** Whose read scope fetched it: a caller of another scope takes its answer only if it is the same for every reader. */
  readonly reader: string;
  /** The answer, and what it stands on when it could be kept (else null). */
  readonly answer: Promise<{ response: GatewayGraphQLResponse; text: string; shared: boolean; stamped: Stamped | null; everyReader: boolean }>;
}

/** Requests whose last answer was the same for every reader, remembered up to this many per subgraph (then anew). */
const MAX_EVERY_READER_REQUESTS = 10_000;

/**
 * The gateway's connection to one subgraph, on the platform's keep-alive pool (postJson) with cockatiel policies: a
 * timeout that aborts the fetch, one retry of a read whose connection dropped, and a circuit breaker, so that a
 * subgraph down or too slow costs its callers nothing but an immediate SUBGRAPH_UNAVAILABLE naming it. No URL,
 * connection error text or stack reaches the client. Identical reads in flight at once share one fetch.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly reads: IPolicy;
  private readonly writes: IPolicy;
  private readonly inFlight = new Map<string, InFlight>();
  /**
   * Digests of requests whose last answer said it was the same for every reader: readers of every scope then join
   * one fetch of it in flight (each takes the answer only if it still says so).
   */
  private readonly everyReaderRequests = new Set<string>();

  constructor(
    readonly name: string, private readonly url: string, policy: Partial<SubgraphPolicy> = {},
    private readonly metrics?: ServiceMetrics, private readonly caching?: SubgraphCaching,
  ) {
    const { timeoutMs, breakAfter, halfOpenAfterMs } = { ...DEFAULT_SUBGRAPH_POLICY, ...policy };
    const failure = handleWhen((error) => !(error instanceof Refusal));
    const breaker = circuitBreaker(failure, { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(breakAfter) });
    // Not aborted on return: the answer is read whole by then, and an abort per call costs a DOMException and an event.
    const limit = timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
    this.writes = wrap(breaker, limit);
    // Only reads are retried, and only a dropped connection: a write may have happened; a timeout would double.
    this.reads = wrap(retry(handleWhen(isConnectionFailure), { maxAttempts: 1, backoff: new ConstantBackoff(50) }), breaker, limit);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    // Only what reads: a mutation's own fetches, and the reads after it, must not join a fetch from before it.
    const incoming = 'incomingRequestContext' in options ? options.incomingRequestContext.operation?.operation : undefined;
    const read = incoming === 'query' || incoming === 'subscription';
    const body = JSON.stringify({
      query: request.query, variables: request.variables, operationName: request.operationName,
      ...(request.extensions ? { extensions: request.extensions } : {}),
    });
    const { cache, owner } = this.caching ?? { cache: undefined, owner: null };
    if (!read) {
      const since = cache?.since() ?? 0;
      let response: GatewayGraphQLResponse | null = null;
      try {
        ({ response } = await this.fetch(options, body, false));
        return response;
      } finally {
        // Before the write's answer returns, even a failed one (it may have committed): read your own writes.
        if (owner) this.voidWritten(cache, owner, response, since);
      }
    }
    // Keyed by what decides the answer: the request and what its reader may read (role, province, scopes: the
    // gateway checked its token before planning), or its very token where the answer depends on who asks. Kept
    // only for queries: a subscription's event asks for the record as it is after the change it announces, which
    // the cache may not have heard of yet.
    const forward = options.context?.forward ?? {};
    const beyondRecords = ANSWERS_BEYOND_RECORDS.test(request.query ?? '');
    const reader = beyondRecords || !options.context?.readScope ? `token ${forward.authorization ?? ''}` : options.context.readScope;
    const keeping = cache && owner && incoming === 'query' && !beyondRecords ? cache : null;
    const log = options.context?.fetchLog;
    const requestDigest = bodyDigest(body);
    const day = answerDay();
    const key = `${this.name}\n${reader}\n${day}\n${requestDigest}`;
    // An answer that says it is the same for every reader (nothing answering it used who asked) is kept once for
    // readers of every scope; any other stays its reader scope's.
    const everyReaderKey = keeping && options.context?.readScope ? `${this.name}\n*\n${day}\n${requestDigest}` : null;
    const everyReaders = everyReaderKey ? keeping?.lookup(everyReaderKey, false) : undefined;
    const cached = everyReaders ?? keeping?.lookup(key);
    if (cached && typeof cached.value === 'string') {
      if (log) {
        log.stamps?.push(...cached.stamps);
        log.sameForEveryReader &&= everyReaders !== undefined;
      }
      return JSON.parse(cached.value) as GatewayGraphQLResponse;
    }
    // A fetch in flight is joined only if no change came since it started: none from before a change this caller may see.
    const since = cache?.since() ?? 0;
    const flightKey = `${since}\n${everyReaderKey && this.everyReaderRequests.has(requestDigest) ? everyReaderKey : key}`;
    // The whole answer stands as long as this fetch's answer does; it cannot be kept if this fetch's cannot.
    const logged = (response: GatewayGraphQLResponse, stamped: Stamped | null, everyReader: boolean) => {
      if (log) {
        log.stamps = log.stamps && stamped && !response.errors?.length ? [...log.stamps, stamped] : null;
        log.sameForEveryReader &&= everyReader;
      }
      return response;
    };
    const joined = this.inFlight.get(flightKey);
    if (joined) {
      joined.consumers++;
      // A fetch that failed for its first caller (its token refused, say) is this caller's own to try; so is one
      // fetched for another scope whose answer turned out to depend on who asks.
      const answer = await joined.answer.catch(() => null);
      if (answer && (answer.everyReader || joined.reader === reader)) {
        return logged(JSON.parse(answer.text) as GatewayGraphQLResponse, answer.stamped, answer.everyReader);
      }
      return logged((await this.fetch(options, body, true)).response, null, false);
    }
    const entry: InFlight = {
      consumers: 1,
      reader,
      // Decided and removed in one step, so that no one joins after the answer was handed out.
      answer: this.fetch(options, body, true).then(
        ({ response, text }) => {
          this.inFlight.delete(flightKey);
          const everyReader = everyReaderKey !== null && sameForEveryReader(response.extensions);
          if (everyReader) {
            if (this.everyReaderRequests.size >= MAX_EVERY_READER_REQUESTS) this.everyReaderRequests.clear();
            this.everyReaderRequests.add(requestDigest);
          } else {
            this.everyReaderRequests.delete(requestDigest);
          }
          // A partial answer (a province away) is never kept: it would outlast the province's return.
          const stamped = keeping && !response.errors?.length ? keeping.stamped(dependenciesOf(response), since) : null;
          if (stamped) keeping?.set(everyReader && everyReaderKey ? everyReaderKey : key, [stamped], text);
          return { response, text, shared: entry.consumers > 1, stamped, everyReader };
        },
        (error: unknown) => {
          this.inFlight.delete(flightKey);
          throw error;
        },
      ),
    };
    this.inFlight.set(flightKey, entry);
    const { response, text, shared, stamped, everyReader } = await entry.answer;
    // A shared answer is parsed for each caller (its first too): the executor merges other subgraphs' fields into
    // what it receives. Parsing the text again costs less than a structured clone.
    return logged(shared ? JSON.parse(text) as GatewayGraphQLResponse : response, stamped, everyReader);
  }

  /**
   * Voids what a write begun at change number `since` changed: the kinds of record its answer names (those the feed
   * has not brought since), or every kind of the province where it names none or failed in part; for the region,
   * everything.
   */
  private voidWritten(cache: FetchCache | undefined, owner: string, response: GatewayGraphQLResponse | null, since: number): void {
    if (!cache) return;
    if (owner === 'region') return cache.voidAll();
    const changes = response ? writtenChanges(response.extensions, owner) : null;
    if (!changes || response?.errors?.length) return cache.changed(owner, null, changes?.map((c) => c.position) ?? []);
    cache.written(owner, changes, since);
  }

  private async fetch(options: GraphQLDataSourceProcessOptions<GatewayContext>, body: string, read: boolean): Promise<Answer> {
    const timer = this.metrics?.subgraphFetchDuration.startTimer({ subgraph: this.name });
    const forward: Readonly<Record<string, string>> = options.context?.forward ?? {};
    try {
      const answer = await (read ? this.reads : this.writes).execute(({ signal }) => this.send(body, forward, signal));
      this.reachable(true);
      return answer;
    } catch (error) {
      if (error instanceof Refusal) throw error.error;
      this.reachable(false);
      this.metrics?.subgraphFetchErrors.inc({ subgraph: this.name });
      throw new GraphQLError(`The ${this.name} subgraph is unavailable`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name },
      });
    } finally {
      timer?.();
    }
  }

  /** Tells the cache whether this subgraph answers: what depends on one that does not is not served. */
  private reachable(up: boolean): void {
    const owner = this.caching?.owner;
    if (owner) this.caching?.cache.reachable(owner, up);
  }

  private async send(payload: string, forward: Readonly<Record<string, string>>, signal: AbortSignal): Promise<Answer> {
    const { status, text } = await postJson(this.url, payload, forward, signal);
    let body: GatewayGraphQLResponse | null = null;
    try {
      body = JSON.parse(text) as GatewayGraphQLResponse | null;
    } catch {
      // Not JSON (a proxy's error page, say): the subgraph is unavailable.
    }
    // A 4xx refuses this request, not the service: it never counts towards the breaker, or one caller's oversized or
    // malformed input, or one caller over its own rate, could cut the subgraph off for everyone. Timeouts, a wrong
    // address and throttling of the service itself (408, 404, a 429 not RATE_LIMITED: a proxy's, say) do count.
    const first = status >= 400 && status < 500 ? body?.errors?.[0] : undefined;
    const code = String(first?.extensions?.code ?? '');
    const callersOwn = status === 429 ? code === ErrorCode.RATE_LIMITED : status >= 400 && status < 500 && status !== 404 && status !== 408;
    if (callersOwn) {
      if (first && (CALLER_ERROR_CODES.has(code) || code === ErrorCode.PAYLOAD_TOO_LARGE || code === ErrorCode.RATE_LIMITED)) {
        throw new Refusal(new GraphQLError(first.message, { extensions: { ...first.extensions } }));
      }
      throw new Refusal(new GraphQLError(`The ${this.name} subgraph refused the request (${status})`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name },
      }));
    }
    if (status < 200 || status >= 300 || !body || typeof body !== 'object') throw new Error(`${this.name} answered ${status}`);
    return { response: body, text };
  }
}
