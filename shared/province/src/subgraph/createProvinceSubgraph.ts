import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Database } from '../db';
import { ChangeFeed, feedSchema, type ChangeFeedOptions } from '../feed';
import { provinceTypeDefs, type ProvinceRegistry, type RecordsRead } from '@yrd/domain';
import {
  SUBGRAPH_OPERATION_LIMITS, SUBGRAPH_RATE_LIMIT, ServiceMetrics, createServiceServer, useAuth, useEntitiesLimit, useHealth, useLimits,
  useMasking, useMetrics, useRateLimit, useSubscriptions, useTracing, type Authenticator, type CallerHeaders, type RateLimit, type SharedCounters, type ServiceServer,
  type SubgraphResolvers,
} from '@yrd/service';
import { provinceContext, type ProvinceContext } from './ProvinceContext';
import { createProvinceLoaders } from './ProvinceLoaders';
import { provinceResolvers } from './provinceResolvers';
import { commitmentsMadeLoader } from './commitmentsMade';
import { PeerProvinces, type PeerUrl } from './PeerProvinces';
import { useCacheHints } from './useCacheHints';
import { provinceWriters } from './writes/provinceWriters';

export interface ProvinceSubgraph {
  readonly province: string;
  readonly typeDefs: string;
  readonly schema: GraphQLSchema;
  readonly server: ServiceServer<ProvinceContext>;
  /** The province's change feed, served over graphql-ws at /feed; start it before serving. */
  readonly feed: ChangeFeed;
  createContext(headers: CallerHeaders): Promise<ProvinceContext>;
}

/** The subgraph of one province over its database: the template every province folder instantiates. */
export function createProvinceSubgraph(options: {
  province: string;
  registry: ProvinceRegistry;
  database: Database;
  authenticator: Authenticator;
  feed?: ChangeFeedOptions;
  introspection?: boolean;
  /** The other provinces' subgraphs: asked about their initiatives before a commitment to one, and about their commitments. */
  peers?: PeerUrl;
  /** Operations per subject (SUBGRAPH_RATE_LIMIT); default SUBGRAPH_RATE_LIMIT, null off. */
  rateLimit?: RateLimit | null;
  /** Where the rate counts (Redis shared by the replicas, or memory); default memory. */
  counters?: SharedCounters;
}): ProvinceSubgraph {
  const { province, registry, database, authenticator } = options;
  const ds = database.dataSource;
  const typeDefs = provinceTypeDefs(province, registry);
  const feed = new ChangeFeed(ds, options.feed);
  const peers = new PeerProvinces(registry, options.peers ?? (() => undefined));
  const writers = provinceWriters(ds, registry, province, peers, () => feed.notify());
  const resolvers = provinceResolvers(province, registry, ds, writers) as unknown as SubgraphResolvers;
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
  // Every request is authenticated here again, whoever sent it: a subgraph reached directly answers 401 too.
  const contextOf = async (authorization: string | undefined, peerReads: RecordsRead = new Map()): Promise<ProvinceContext> => provinceContext({
    actor: await authenticator.actorFrom(authorization),
    authorization,
    commitmentsMade: commitmentsMadeLoader(peers, authorization, peerReads),
  }, createProvinceLoaders(ds), peerReads);
  const createContext = (headers: CallerHeaders) => contextOf(headers.authorization);
  const name = registry.names(province).field;
  const metrics = new ServiceMetrics(name);
  metrics.gauge('yrd_feed_subscriptions_open', 'Subscriptions open on this province\'s change feed', () => feed.openSubscriptions);
  metrics.gauge('yrd_database_connections', 'Connections the database pool holds (1 for SQLite)', () => database.connections());
  const changes = feedSchema(feed);
  const server = createServiceServer({
    name,
    schema,
    context: createContext,
    // Behind the gateway and the region: the same pipeline, with limits sized for what they forward.
    plugins: [
      useHealth(name, [{ name: 'database', check: async () => { await ds.query('SELECT 1'); } }]),
      useMetrics(metrics),
      useTracing(),
      // Not published beyond the services' network: failures come from the gateway's address, never block it.
      useAuth(authenticator, null),
      useRateLimit(authenticator, options.rateLimit === undefined ? SUBGRAPH_RATE_LIMIT : options.rateLimit, options.counters),
      useLimits(SUBGRAPH_OPERATION_LIMITS),
      useEntitiesLimit(),
      ...useCacheHints(province),
      useMasking(name, { introspection: options.introspection }),
      // The change feed the region follows, over WebSocket at /feed.
      useSubscriptions({ schema: () => changes, webSocketPath: '/feed', sse: false, executeAgainstSchema: true }),
      { name: 'shared-counters', onStop: async () => { await options.counters?.close(); } },
    ],
  });
  return { province, typeDefs, schema, server, feed, createContext };
}
