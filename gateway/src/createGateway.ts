import { ApolloGateway } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode, ProvinceRegistry, READ_ONLY_SCOPE } from '@yrd/domain';
import {
  ServiceMetrics, SharedCounters, buildManifest, createServiceServer, loggerFor, useAuth, useHealth, useLimits, useMasking, useMetrics,
  usePersistedOperations, useRateLimit, useSubscriptions, useTracing, withDefaults, type Authenticator, type LimitsConfig, type PersistedManifest,
  type PersistedPolicy, type ServiceServer,
} from '@yrd/service';
import { DEFAULT_CACHE_BYTES, FetchCache, type FetchCacheSettings } from './cache/FetchCache';
import { useFetchCache } from './cache/useFetchCache';
import { useDashboard } from './dashboard/serveDashboard';
import { useExplorer } from './explorer/serveExplorer';
import { subgraphReadiness } from './health/subgraphReadiness';
import type { GatewayContext } from './subgraphs/GatewayContext';
import { SubgraphDataSource, type SubgraphPolicy } from './subgraphs/SubgraphDataSource';
import { FederatedSubscriptions } from './subscriptions/FederatedSubscriptions';
import { useSubscriptionsNotOverPost } from './subscriptions/subscriptionsNotOverPost';
import { MAX_SUBSCRIPTIONS_PER_SUBJECT, subscriptionsPerSubject } from './subscriptions/subscriptionsPerSubject';
import { watchSupergraph } from './supergraph/watchSupergraph';

export interface GatewayOptions {
  /** The composed supergraph file (gateway/supergraph.graphql after the build); reloaded when it changes. */
  readonly supergraphFile: string;
  /** Subgraph URLs by name, over the ones in the supergraph file. */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  /** Timeout and circuit breaker towards each subgraph (DEFAULT_SUBGRAPH_POLICY). */
  readonly subgraphPolicy?: Partial<SubgraphPolicy>;
  /** Default true (the embedded default is for exploring); off in production unless configured. */
  readonly introspection?: boolean;
  readonly authenticator: Authenticator;
  /** Operation limits and the per-subject rate limit; all on by default. */
  readonly limits?: LimitsConfig;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Where the per-subject limits count (rate, failed authentications, open subscriptions): SharedCounters.redis when
   * several replicas serve (REDIS_URL), so that together they allow what one would; default this process's memory.
   */
  readonly counters?: SharedCounters;
  /**
   * The operations by id (gateway/operations, built into the manifest) and who must use them (PERSISTED_OPERATIONS...);
   * default: no manifest, every role allowed any document and automatic persisted queries.
   */
  readonly persistedOperations?: { readonly manifest: PersistedManifest; readonly policy: PersistedPolicy };
  /** The token the explorer and the dashboard open with (the embedded default's analyst); default none: the page asks. */
  readonly explorerToken?: () => Promise<string | null>;
  /** The fetch cache (on by default): answers kept until the region's change feed says what they depend on changed. */
  readonly cache?: FetchCacheSettings;
  /** Which subgraphs are provinces (and so what their answers depend on); default the registry's. */
  readonly registry?: ProvinceRegistry;
}

export interface Gateway {
  readonly server: ServiceServer<GatewayContext>;
  readonly gateway: ApolloGateway;
  readonly subscriptions: FederatedSubscriptions;
  readonly cache: FetchCache;
}

/**
 * The composition root of the federated gateway: @apollo/gateway over the static supergraph, on the same
 * node:http service (health, masking) as the subgraphs, with subscriptions over WebSocket and Server-Sent Events.
 */
export function createGateway(options: GatewayOptions): Gateway {
  // @apollo/gateway otherwise starts a usage exporter to Apollo and cloud-metadata probes: never on an intranet.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const metrics = new ServiceMetrics('gateway');
  const counters = options.counters ?? SharedCounters.memory();
  const cache = new FetchCache({ maxBytes: (options.cache && options.cache.maxBytes) || DEFAULT_CACHE_BYTES });
  const registry = options.registry ?? new ProvinceRegistry();
  const provinceOfSubgraph = new Map(registry.codes.map((code) => [registry.names(code).field, code]));
  // Whose records a subgraph serves: a province's, or the region's; the webhooks' answers are never kept.
  const ownerOf = (name: string): string | null => provinceOfSubgraph.get(name) ?? (name === 'region' ? 'region' : null);
  const dataSource = (name: string, url: string) =>
    new SubgraphDataSource(name, options.subgraphUrls?.[name] ?? url, options.subgraphPolicy, metrics, { cache, owner: ownerOf(name) });
  const gateway = new ApolloGateway({
    supergraphSdl: watchSupergraph(options.supergraphFile),
    buildService: ({ name, url }) => dataSource(name, url ?? ''),
  });
  const subscriptions = new FederatedSubscriptions(gateway, {
    subgraphUrls: options.subgraphUrls, dataSource,
    delivered: () => metrics.eventsDelivered.inc(),
    startCursor: async (context) => {
      const result = await server.execute({ query: '{ changeCursor }' }, context);
      const cursor = (result.data as { changeCursor?: unknown } | null | undefined)?.changeCursor;
      if (typeof cursor !== 'string') {
        const first = result.errors?.[0];
        throw new GraphQLError(first?.message ?? 'No change cursor', {
          extensions: first?.extensions ?? { code: ErrorCode.SUBGRAPH_UNAVAILABLE },
        });
      }
      return cursor;
    },
  });
  const server: ServiceServer<GatewayContext> = createServiceServer<GatewayContext>({
    name: 'gateway',
    gateway,
    maxBodyBytes: options.maxBodyBytes,
    context: async (headers) => ({ forward: headers, readScope: await readScopeOf(options.authenticator, headers.authorization), fetchLog: { stamps: [], sameForEveryReader: true } }),
    plugins: [
      // Ready when every subgraph is: each one's own readiness (its database included), named.
      useHealth('gateway', subgraphReadiness(() => subscriptions.subgraphUrls)),
      useMetrics(metrics),
      useTracing(),
      useExplorer({ token: options.explorerToken ?? (async () => null) }),
      useDashboard(),
      useAuth(options.authenticator, undefined, counters),
      useRateLimit(options.authenticator, options.limits?.rate, counters),
      usePersistedOperations({
        manifest: options.persistedOperations?.manifest ?? buildManifest([]),
        policy: options.persistedOperations?.policy ?? { mode: 'allow', byRole: {} },
        authenticator: options.authenticator,
      }),
      useLimits(withDefaults(options.limits?.operations)),
      useSubscriptionsNotOverPost(),
      useMasking('gateway', { introspection: options.introspection }),
      // One subject's subscriptions are counted across WebSocket and SSE alike.
      useSubscriptions({
        schema: () => subscriptions.schema,
        subscribe: subscriptionsPerSubject(subscriptions.subscribe, options.authenticator, counters.slots('subscriptions', MAX_SUBSCRIPTIONS_PER_SUBJECT)),
      }),
      ...(options.cache === false ? [] : [useFetchCache(cache, {
        regionUrl: () => subscriptions.subgraphUrls.region,
        token: options.cache?.feedToken
          ?? (() => options.authenticator.issue({ subject: 'gateway-fetch-cache', role: 'analyst', scopes: [READ_ONLY_SCOPE], expiresIn: '12h' })),
        log: (message, error) => loggerFor('gateway').info({ ...(error ? { error: String(error) } : {}) }, message),
      }, {
        targets: () => Object.entries(subscriptions.subgraphUrls).flatMap(([name, url]) => {
          const owner = ownerOf(name);
          return owner ? [{ name: owner, url }] : [];
        }),
      }, metrics)]),
      { name: 'federated-subscriptions', onStop: () => subscriptions.dispose() },
      { name: 'shared-counters', onStop: () => counters.close() },
    ],
  });
  metrics.gauge('yrd_subscriptions_open', 'Subscriptions open through the gateway', () => subscriptions.openSubscriptions);
  return { server, gateway, subscriptions, cache };
}

/** What a caller may read: its role, province and scopes (the same for every analyst, say); undefined when unknown. */
async function readScopeOf(authenticator: Authenticator, authorization: string | undefined): Promise<string | undefined> {
  try {
    const { actor } = await authenticator.session(authorization);
    return JSON.stringify([actor.role, actor.province, [...actor.scopes].sort()]);
  } catch {
    return undefined;
  }
}
