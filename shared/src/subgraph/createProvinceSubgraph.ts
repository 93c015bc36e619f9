import type { IncomingMessage } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Database } from '../db';
import { ChangeFeed, feedSchema, type ChangeFeedOptions } from '../feed';
import type { ProvinceRegistry } from '../provinces';
import { provinceTypeDefs } from '../schema';
import { createServiceServer, identityFromHeaders, type ServiceServer } from '../server';
import type { ProvinceContext } from './ProvinceContext';
import { createProvinceLoaders } from './ProvinceLoaders';
import { provinceResolvers } from './provinceResolvers';
import { ProvinceWriter } from './writes/ProvinceWriter';

/** The resolver map buildSubgraphSchema takes (its type is not exported by name). */
export type SubgraphResolvers = NonNullable<
  Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { resolvers?: unknown }>['resolvers']>;

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
  feed?: ChangeFeedOptions;
}): ProvinceSubgraph {
  const { province, registry, database } = options;
  const ds = database.dataSource;
  const typeDefs = provinceTypeDefs(province, registry);
  const feed = new ChangeFeed(ds, options.feed);
  const writer = new ProvinceWriter(ds, registry, province, () => feed.notify());
  const resolvers = provinceResolvers(province, registry, ds, writer) as unknown as SubgraphResolvers;
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
  const contextOf = (header: (name: string) => string | undefined): ProvinceContext => ({
    actor: identityFromHeaders(header),
    loaders: createProvinceLoaders(ds),
  });
  const createContext = async (req: IncomingMessage): Promise<ProvinceContext> => contextOf((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
  const server = createServiceServer({
    name: registry.names(province).field,
    schema,
    context: createContext,
    readiness: [{ name: 'database', check: async () => { await ds.query('SELECT 1'); } }],
    webSockets: [{ path: '/feed', schema: feedSchema(feed), context: (headers) => contextOf((name) => headers[name]) }],
  });
  return { province, typeDefs, schema, server, feed, createContext };
}
