import type { IncomingMessage } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Database } from '../db';
import { ChangeFeed, feedSchema, type ChangeFeedOptions } from '../feed';
import { provinceTypeDefs, type ProvinceRegistry } from '@yrd/domain';
import { createServiceServer, type Authenticator, type ServiceServer, type SubgraphResolvers } from '@yrd/service';
import type { ProvinceContext } from './ProvinceContext';
import { createProvinceLoaders } from './ProvinceLoaders';
import { provinceResolvers } from './provinceResolvers';
import { commitmentsMadeLoader } from './commitmentsMade';
import { PeerProvinces, type PeerUrl } from './PeerProvinces';
import { provinceWriters } from './writes/provinceWriters';

export interface ProvinceSubgraph {
  readonly province: string;
  readonly typeDefs: string;
  readonly schema: GraphQLSchema;
  readonly server: ServiceServer<ProvinceContext>;
  /** The province's change feed, served over graphql-ws at /feed; start it before serving. */
  readonly feed: ChangeFeed;
  createContext(req: IncomingMessage): Promise<ProvinceContext>;
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
  const contextOf = async (authorization: string | undefined): Promise<ProvinceContext> => ({
    actor: await authenticator.actorFrom(authorization),
    authorization,
    loaders: createProvinceLoaders(ds),
    commitmentsMade: commitmentsMadeLoader(peers, authorization),
  });
  const createContext = (req: IncomingMessage) => contextOf(req.headers.authorization);
  const server = createServiceServer({
    name: registry.names(province).field,
    schema,
    context: createContext,
    authenticate: (headers) => authenticator.actorFrom(headers.authorization),
    introspection: options.introspection,
    readiness: [{ name: 'database', check: async () => { await ds.query('SELECT 1'); } }],
    webSockets: [{
      path: '/feed', schema: feedSchema(feed),
      authenticate: (headers) => authenticator.actorFrom(headers.authorization),
      context: (headers) => contextOf(headers.authorization),
    }],
  });
  server.metrics.gauge('yrd_feed_subscriptions_open', 'Subscriptions open on this province\'s change feed', () => feed.openSubscriptions);
  server.metrics.gauge('yrd_database_connections', 'Connections the database pool holds (1 for SQLite)', () => database.connections());
  return { province, typeDefs, schema, server, feed, createContext };
}
