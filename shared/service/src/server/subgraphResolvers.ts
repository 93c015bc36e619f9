import type { buildSubgraphSchema } from '@apollo/subgraph';

/** The resolver map buildSubgraphSchema takes (its type is not exported by name). */
export type SubgraphResolvers = NonNullable<
  Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { resolvers?: unknown }>['resolvers']>;
