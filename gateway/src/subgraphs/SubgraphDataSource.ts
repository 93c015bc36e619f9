import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  ConsecutiveBreaker, ConstantBackoff, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap, type IPolicy,
} from 'cockatiel';
import { GraphQLError } from 'graphql';
import { CALLER_ERROR_CODES, CHANGE_POSITIONS_EXTENSION, ErrorCode } from '@yrd/domain';
import { isConnectionFailure, postJson, type ServiceMetrics } from '@yrd/service';
import { answerDay, bodyDigest, type Dependency, type FetchCache } from '../cache/FetchCache';
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

/** The feed positions a province's answer to a write names for its changes (useChangePositions); none if odd. */
function ownPositions(response: GatewayGraphQLResponse, province: string): readonly number[] {
  const named = (response.extensions?.[CHANGE_POSITIONS_EXTENSION] as Record<string, unknown> | undefined)?.[province];
  return Array.isArray(named) ? named.filter((p): p is number => Number.isSafeInteger(p)).slice(0, 100) : [];
}

/** How a data source uses the fetch cache: what its answers depend on; null when they are never kept (webhooks). */
export interface SubgraphCaching {
  readonly cache: FetchCache;
  readonly dependency: Dependency | null;
}

/** A subgraph's answer: parsed for the caller that fetched it; its text parsed afresh for each caller that joined. */
interface Answer {
  readonly response: GatewayGraphQLResponse;
  readonly text: string;
}

interface InFlight {
  consumers: number;
  readonly answer: Promise<{ response: GatewayGraphQLResponse; text: string; shared: boolean }>;
}

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
    const { cache, dependency } = this.caching ?? { cache: undefined, dependency: null };
    if (!read) {
      let own: readonly number[] = [];
      try {
        const { response } = await this.fetch(options, body, false);
        if (dependency && dependency !== 'every province') own = ownPositions(response, dependency.province);
        return response;
      } finally {
        // Before the write's answer returns, even a failed one (it may have committed): read your own writes.
        if (dependency) cache?.changed(dependency === 'every province' ? this.name : dependency.province, own);
      }
    }
    // Keyed by what decides the answer: the request and what its reader may read (role, province, scopes: the
    // gateway checked its token before planning), or its very token where the answer depends on who asks. Kept
    // only for queries: a subscription's event asks for the record as it is after the change it announces, which
    // the cache may not have heard of yet.
    const forward = options.context?.forward ?? {};
    const beyondRecords = ANSWERS_BEYOND_RECORDS.test(request.query ?? '');
    const reader = beyondRecords || !options.context?.readScope ? `token ${forward.authorization ?? ''}` : options.context.readScope;
    const kept = cache && dependency && incoming === 'query' && !beyondRecords ? { cache, dependency } : null;
    const log = options.context?.fetchLog;
    const key = `${this.name}\n${reader}\n${answerDay()}\n${bodyDigest(body)}`;
    const cachedText = kept?.cache.get(key);
    if (kept && typeof cachedText === 'string') {
      log?.stamps?.push(kept.cache.stamped(kept.dependency));
      return JSON.parse(cachedText) as GatewayGraphQLResponse;
    }
    // A fetch in flight is joined only under the same generations: none from before a change this caller may see.
    const stamp = cache?.stamp(dependency ?? 'every province') ?? '';
    // The whole answer stands as long as this fetch's generations do; it cannot be kept if this fetch cannot.
    if (log) log.stamps = kept && log.stamps ? [...log.stamps, { dependency: kept.dependency, stamp }] : null;
    const flightKey = `${stamp}\n${key}`;
    const joined = this.inFlight.get(flightKey);
    if (joined) {
      joined.consumers++;
      // A fetch that failed for its first caller (its token refused, say) is this caller's own to try.
      const answer = await joined.answer.catch(() => null);
      const response = answer ? JSON.parse(answer.text) as GatewayGraphQLResponse : (await this.fetch(options, body, true)).response;
      if (log && response.errors?.length) log.stamps = null;
      return response;
    }
    const entry: InFlight = {
      consumers: 1,
      // Decided and removed in one step, so that no one joins after the answer was handed out.
      answer: this.fetch(options, body, true).then(
        ({ response, text }) => {
          this.inFlight.delete(flightKey);
          // A partial answer (a province away) is never kept: it would outlast the province's return.
          if (kept && !response.errors?.length) kept.cache.set(key, [{ dependency: kept.dependency, stamp }], text);
          return { response, text, shared: entry.consumers > 1 };
        },
        (error: unknown) => {
          this.inFlight.delete(flightKey);
          throw error;
        },
      ),
    };
    this.inFlight.set(flightKey, entry);
    const { response, text, shared } = await entry.answer;
    if (log && response.errors?.length) log.stamps = null;
    // A shared answer is parsed for each caller (its first too): the executor merges other subgraphs' fields into
    // what it receives. Parsing the text again costs less than a structured clone.
    return shared ? JSON.parse(text) as GatewayGraphQLResponse : response;
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
    const dependency = this.caching?.dependency;
    if (dependency) this.caching?.cache.reachable(dependency === 'every province' ? 'region' : dependency.province, up);
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
    // malformed input could cut the subgraph off for everyone. Timeouts, throttling and a wrong address (408, 429,
    // 404) do count.
    if (status >= 400 && status < 500 && ![404, 408, 429].includes(status)) {
      const first = body?.errors?.[0];
      const code = String(first?.extensions?.code ?? '');
      if (first && (CALLER_ERROR_CODES.has(code) || code === ErrorCode.PAYLOAD_TOO_LARGE)) {
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
