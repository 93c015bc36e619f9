import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * A subscription sent as a plain request (which @apollo/gateway cannot run, and once answered 500) is refused with
 * where subscriptions are served.
 */
export const subscriptionsNotOverPost: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(new GraphQLError(
      'Subscriptions are served over WebSocket at /graphql (graphql-transport-ws) and over Server-Sent Events at /graphql/stream (graphql-sse), not as a plain request',
      { nodes: [node], extensions: { code: 'BAD_REQUEST' } },
    ));
  },
});
