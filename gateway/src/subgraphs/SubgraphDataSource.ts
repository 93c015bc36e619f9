import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { ErrorCode, type ServiceMetrics } from '@yrd/shared';
import type { GatewayContext } from '../GatewayContext';

const REFUSAL_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED]);

/** A 4xx answer whose first error carries one of the caller's codes, as that error; else null. */
function requestRefusal(error: unknown): GraphQLError | null {
  const response = error instanceof GraphQLError
    ? error.extensions.response as { status?: number; body?: { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } } | undefined
    : undefined;
  const first = response?.body?.errors?.[0];
  const code = String(first?.extensions?.code ?? '');
  if (!response?.status || response.status < 400 || response.status >= 500 || !REFUSAL_CODES.has(code)) return null;
  return new GraphQLError(String(first?.message ?? code), { extensions: { ...first?.extensions } });
}

interface InFlight {
  consumers: number;
  readonly answer: Promise<{ response: GatewayGraphQLResponse; shared: boolean }>;
}

/**
 * The gateway's connection to one subgraph: passes on the caller's identity headers and turns any failure to
 * reach the subgraph (refused, timed out, not GraphQL) into SUBGRAPH_UNAVAILABLE naming the subgraph, so no URL,
 * connection error text or stack reaches the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(readonly name: string, url: string, private readonly timeoutMs: number, private readonly metrics?: ServiceMetrics) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const forward: Record<string, string> = context?.forward ?? {};
    for (const [key, value] of Object.entries(forward)) request.http?.headers.set(key, value);
  }

  // Identical queries in flight at once (the same event's entities for every subscriber) share one fetch.
  private readonly inFlight = new Map<string, InFlight>();

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    // Only what reads: a mutation's own fetches, and the reads after it, must not join a fetch from before it.
    const incoming = 'incomingRequestContext' in options ? options.incomingRequestContext.operation?.operation : undefined;
    if (incoming !== 'query' && incoming !== 'subscription') return this.fetch(options);
    // Keyed by what decides the answer: the request alone. Every authenticated caller may read every record (only
    // writes depend on who asks), and each caller's token was checked here before its operation was planned.
    const key = JSON.stringify([request.query, request.variables]);
    const joined = this.inFlight.get(key);
    if (joined) {
      joined.consumers++;
      // A fetch that failed for its first caller (its token refused, say) is this caller's own to try.
      const answer = await joined.answer.catch(() => null);
      return answer ? structuredClone(answer.response) : this.fetch(options);
    }
    const entry: InFlight = {
      consumers: 1,
      // Decided and removed in one step, so that no one joins after the answer was handed out.
      answer: this.fetch(options).then(
        (response) => {
          this.inFlight.delete(key);
          return { response, shared: entry.consumers > 1 };
        },
        (error: unknown) => {
          this.inFlight.delete(key);
          throw error;
        },
      ),
    };
    this.inFlight.set(key, entry);
    const { response, shared } = await entry.answer;
    // A shared answer is copied for each (its first caller too): the executor merges other subgraphs' fields into
    // what it receives.
    return shared ? structuredClone(response) : response;
  }

  private async fetch(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const timer = this.metrics?.subgraphFetchDuration.startTimer({ subgraph: this.name });
    try {
      return await Promise.race([
        super.process(options),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), this.timeoutMs).unref()),
      ]);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code !== undefined && !('response' in error.extensions)) throw error;
      // The subgraph refused the request itself (a variable its scalar rejects): the caller's error, passed on.
      const refusal = requestRefusal(error);
      if (refusal) throw refusal;
      this.metrics?.subgraphFetchErrors.inc({ subgraph: this.name });
      throw new GraphQLError(`The ${this.name} subgraph is unavailable`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name },
      });
    } finally {
      timer?.();
    }
  }
}
