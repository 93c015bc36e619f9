import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ApolloServerPlugin } from '@apollo/server';
import { parse } from 'graphql';
import type { ProvinceEndpoint, ProvinceRegistry } from '@yrd/domain';
import {
  SUBGRAPH_OPERATION_LIMITS, SUBGRAPH_RATE_LIMIT, ServiceMetrics, createServiceServer, useAuth, useEntitiesLimit, useHealth, useLimits,
  useMasking, useMetrics, useRateLimit, useRecordsRead, useSubscriptions, useTracing, type Authenticator, type RateLimit, type ServiceServer,
  type SharedCounters,
  type SubgraphResolvers,
} from '@yrd/service';
import { changeResolvers } from './changes/changeResolvers';
import { ProvinceFeeds } from './changes/ProvinceFeeds';
import { ProvinceClient } from './provinces/ProvinceClient';
import { regionContext, type RegionContext } from './provinces/RegionContext';
import { regionResolvers } from './regionResolvers';
import { regionTypeDefs } from './regionTypeDefs';

/** Sends the provinces that did not answer beside the (partial) data, naming each. */
const reportUnavailableProvinces: ApolloServerPlugin<RegionContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single' || !contextValue.problems.length) return;
        const result = response.body.singleResult;
        result.errors = [...(result.errors ?? []), ...contextValue.problems.map((e) => e.toJSON())];
      },
    };
  },
};

export interface RegionSubgraph {
  readonly typeDefs: string;
  readonly server: ServiceServer<RegionContext>;
  readonly feeds: ProvinceFeeds;
}

export function createRegionSubgraph(options: {
  registry: ProvinceRegistry;
  endpoints: readonly ProvinceEndpoint[];
  authenticator: Authenticator;
  introspection?: boolean;
  /** How long a province may take to answer a push-down query. Default 3000 ms. */
  provinceTimeoutMs?: number;
  /** Operations per subject (SUBGRAPH_RATE_LIMIT); default SUBGRAPH_RATE_LIMIT, null off. */
  rateLimit?: RateLimit | null;
  /** Where the rate counts; default memory (REDIS_URL: Redis, shared by the replicas). */
  counters?: SharedCounters;
}): RegionSubgraph {
  const metrics = new ServiceMetrics('region');
  // Each push-down's duration by province, as the gateway's by subgraph (yrd_subgraph_fetch_duration_seconds).
  const clients = options.endpoints.map((e) => new ProvinceClient(e, options.provinceTimeoutMs ?? 3000, metrics));
  const typeDefs = regionTypeDefs(options.registry);
  const feeds = new ProvinceFeeds(options.endpoints, options.provinceTimeoutMs ?? 3000);
  const queries = regionResolvers(options.registry, clients);
  const changes = changeResolvers(options.registry, feeds);
  const resolvers = { ...queries, ...changes, Query: { ...queries.Query, ...changes.Query } } as unknown as SubgraphResolvers;
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
  metrics.gauge('yrd_subscriptions_open', 'Regional subscriptions open', () => feeds.openSubscriptions);
  const server = createServiceServer<RegionContext>({
    name: 'region',
    schema,
    // Checked here as well as at the gateway; the token then goes on to the provinces, which check it again.
    context: async (headers) => regionContext(await options.authenticator.actorFrom(headers.authorization), headers),
    plugins: [
      useHealth('region'),
      useMetrics(metrics),
      useTracing(),
      // Not published beyond the services' network: failures come from the gateway's address, never block it.
      useAuth(options.authenticator, null),
      useRateLimit(options.authenticator, options.rateLimit === undefined ? SUBGRAPH_RATE_LIMIT : options.rateLimit, options.counters),
      useLimits(SUBGRAPH_OPERATION_LIMITS),
      useEntitiesLimit(),
      useRecordsRead((ctx: RegionContext) => ctx.recordsRead, { readerConsulted: (ctx) => ctx.readerConsulted }),
      { name: 'unavailable-provinces', apollo: [reportUnavailableProvinces] },
      useMasking('region', { introspection: options.introspection }),
      // The regional change subscriptions, which the gateway's federated subscriptions follow.
      useSubscriptions({ sse: false }),
      { name: 'province-feeds', onStop: () => feeds.dispose() },
      { name: 'shared-counters', onStop: async () => { await options.counters?.close(); } },
    ],
  });
  return { typeDefs, server, feeds };
}
