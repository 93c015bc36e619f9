import { ApolloGateway } from '@apollo/gateway';
import { createServiceServer, forwardedHeaders, type ServiceServer } from '@yrd/shared';
import type { GatewayContext } from './GatewayContext';
import { SubgraphDataSource } from './subgraphs/SubgraphDataSource';
import { watchSupergraph } from './supergraph/watchSupergraph';

export interface GatewayOptions {
  /** The composed supergraph file (gateway/supergraph.graphql after the build); reloaded when it changes. */
  readonly supergraphFile: string;
  /** Subgraph URLs by name, over the ones in the supergraph file. */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  /** How long a subgraph fetch may take. Default 5000 ms. */
  readonly subgraphTimeoutMs?: number;
  /** Default true (the embedded default is for exploring); off in production unless configured. */
  readonly introspection?: boolean;
}

export interface Gateway {
  readonly server: ServiceServer;
  readonly gateway: ApolloGateway;
}

/**
 * The composition root of the federated gateway: @apollo/gateway over the static supergraph, on the same
 * node:http service (health, masking) as the subgraphs.
 */
export function createGateway(options: GatewayOptions): Gateway {
  // @apollo/gateway otherwise starts a usage exporter to Apollo and cloud-metadata probes: never on an intranet.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: watchSupergraph(options.supergraphFile),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, options.subgraphUrls?.[name] ?? url ?? '', options.subgraphTimeoutMs ?? 5000),
  });
  const server = createServiceServer<GatewayContext>({
    name: 'gateway',
    gateway,
    introspection: options.introspection,
    context: async (req) => ({
      forward: forwardedHeaders(req.headers),
    }),
  });
  return { server, gateway };
}
