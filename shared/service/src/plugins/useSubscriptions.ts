import type { BaseContext } from '@apollo/server';
import { execute, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import type { OperationPipeline, ServicePlugin } from '../pipeline';
import { serverSentEvents, type Subscribe } from '../subscriptions/serverSentEvents';
import { attachWebSockets } from '../subscriptions/webSockets';

export interface SubscriptionsOptions {
  /** The schema subscriptions run against; the service's by default. */
  readonly schema?: () => GraphQLSchema;
  /** Replaces graphql-js's subscribe (the gateway's federated subscriptions). */
  readonly subscribe?: Subscribe;
  /** The WebSocket path (graphql-transport-ws); default /graphql. */
  readonly webSocketPath?: string;
  /** Server-Sent Events (graphql-sse) at /graphql/stream and for text/event-stream at /graphql; default on. */
  readonly sse?: boolean;
  /**
   * Queries run against `schema` with graphql-js (a schema of its own, such as a province's change feed) instead of
   * through the service's Apollo Server (its plugins), which is the default.
   */
  readonly executeAgainstSchema?: boolean;
}

/**
 * Subscriptions (and queries and mutations) over WebSocket and Server-Sent Events, both running the service's
 * pipeline: the same authentication, admission, limits, context and masking as an HTTP request.
 */
export function useSubscriptions<TContext extends BaseContext>(options: SubscriptionsOptions = {}): ServicePlugin<TContext> {
  let pipeline: OperationPipeline<TContext> | undefined;
  const started = () => {
    if (!pipeline) throw new Error('the service has not started');
    return pipeline;
  };
  const schema = () => {
    const given = options.schema?.() ?? started().schema();
    if (!given) throw new Error(`${started().name}: no schema for subscriptions`);
    return given;
  };
  return {
    name: 'subscriptions',
    routes: options.sse === false ? [] : [serverSentEvents<TContext>(started, { schema, subscribe: options.subscribe })],
    onStart(httpServer, servicePipeline) {
      pipeline = servicePipeline;
      return attachWebSockets(httpServer, servicePipeline, {
        path: options.webSocketPath ?? '/graphql', schema,
        ...(options.executeAgainstSchema ? { execute } : {}),
        ...(options.subscribe ? { subscribe: options.subscribe as (args: ExecutionArgs) => OperationResult } : {}),
      });
    },
  };
}
