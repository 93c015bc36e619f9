import { GraphQLError } from 'graphql';
import type { ServicePlugin } from '@yrd/service';

const MESSAGE = 'Subscriptions are served over WebSocket at /graphql (graphql-transport-ws) and over Server-Sent Events at '
  + '/graphql/stream (graphql-sse), not as a plain request';

/**
 * A subscription sent as a plain request (which @apollo/gateway cannot run, and once answered 500) is refused with
 * where subscriptions are served. Only on Apollo Server's path: the WebSocket and SSE transports subscribe.
 */
export function useSubscriptionsNotOverPost(): ServicePlugin {
  return {
    name: 'subscriptions-not-over-post',
    apollo: [{
      async requestDidStart() {
        return {
          async didResolveOperation({ operation }) {
            if (operation?.operation !== 'subscription') return;
            throw new GraphQLError(MESSAGE, { nodes: [operation], extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          },
        };
      },
    }],
  };
}
