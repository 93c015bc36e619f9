import { ApolloGateway } from '@apollo/gateway';
import { print, type ExecutionResult } from 'graphql';
import { createServiceServer, forwardedHeaders, type Authenticator, type ServiceServer } from '@yrd/shared';
import type { GatewayContext } from './GatewayContext';
import { SubgraphDataSource } from './subgraphs/SubgraphDataSource';
import { FederatedSubscriptions } from './subscriptions/FederatedSubscriptions';
import { serverSentEvents } from './subscriptions/serverSentEvents';
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
  readonly authenticator: Authenticator;
}

export interface Gateway {
  readonly server: ServiceServer<GatewayContext>;
  readonly gateway: ApolloGateway;
  readonly subscriptions: FederatedSubscriptions;
}

/**
 * The composition root of the federated gateway: @apollo/gateway over the static supergraph, on the same
 * node:http service (health, masking) as the subgraphs, with subscriptions over WebSocket and Server-Sent Events.
 */
export function createGateway(options: GatewayOptions): Gateway {
  // @apollo/gateway otherwise starts a usage exporter to Apollo and cloud-metadata probes: never on an intranet.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const dataSource = (name: string, url: string) =>
    new SubgraphDataSource(name, options.subgraphUrls?.[name] ?? url, options.subgraphTimeoutMs ?? 5000);
  const gateway = new ApolloGateway({
    supergraphSdl: watchSupergraph(options.supergraphFile),
    buildService: ({ name, url }) => dataSource(name, url ?? ''),
  });
  const subscriptions = new FederatedSubscriptions(gateway, { subgraphUrls: options.subgraphUrls, dataSource });
  const server: ServiceServer<GatewayContext> = createServiceServer<GatewayContext>({
    name: 'gateway',
    gateway,
    introspection: options.introspection,
    context: async (req) => {
      await options.authenticator.actorFrom(req.headers.authorization);
      return { forward: forwardedHeaders(req.headers) };
    },
    webSockets: [{
      path: '/graphql',
      schema: () => subscriptions.schema,
      authenticate: (headers) => options.authenticator.actorFrom(headers.authorization),
      context: async (headers): Promise<GatewayContext> => {
        await options.authenticator.actorFrom(headers.authorization);
        return { forward: headers };
      },
      subscribe: subscriptions.subscribe,
      // Queries and mutations over the socket take the HTTP path's pipeline (plugins, masking).
      execute: (args) => server.execute({
        query: print(args.document), variables: args.variableValues, operationName: args.operationName,
      }, args.contextValue as GatewayContext) as Promise<ExecutionResult>,
    }],
    routes: [serverSentEvents({
      schema: () => subscriptions.schema, subscribe: subscriptions.subscribe, server: () => server,
      authenticator: options.authenticator,
    })],
    onStop: () => subscriptions.dispose(),
  });
  return { server, gateway, subscriptions };
}
