import type { IncomingMessage } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Database } from '../db';
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
  readonly server: ServiceServer;
  createContext(req: IncomingMessage): Promise<ProvinceContext>;
}

/** The subgraph of one province over its database: the template every province folder instantiates. */
export function createProvinceSubgraph(options: {
  province: string;
  registry: ProvinceRegistry;
  database: Database;
}): ProvinceSubgraph {
  const { province, registry, database } = options;
  const ds = database.dataSource;
  const typeDefs = provinceTypeDefs(province, registry);
  const writer = new ProvinceWriter(ds, registry, province);
  const resolvers = provinceResolvers(province, registry, ds, writer) as unknown as SubgraphResolvers;
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
  const createContext = async (req: IncomingMessage): Promise<ProvinceContext> => ({
    actor: identityFromHeaders((name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    }),
    loaders: createProvinceLoaders(ds),
  });
  const server = createServiceServer({
    name: registry.names(province).field,
    schema,
    context: createContext,
    readiness: [{ name: 'database', check: async () => { await ds.query('SELECT 1'); } }],
  });
  return { province, typeDefs, schema, server, createContext };
}
