import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { loggerFor, type ServiceMetrics } from '../observability';
import type { ServicePlugin } from '../pipeline';

/** /metrics for Prometheus, and one count, one duration and one log line per operation with its request id. */
export function useMetrics<TContext extends BaseContext>(metrics: ServiceMetrics): ServicePlugin<TContext> {
  const log = loggerFor(metrics.service);
  const observe: ApolloServerPlugin<TContext> = {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = metrics.operationLabel(operationName ?? request.operationName);
          const failed = Boolean(errors?.length) || (response.body.kind === 'single' && Boolean(response.body.singleResult.errors?.length));
          metrics.requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          metrics.requestDuration.observe({ operation }, seconds);
          log.info({ requestId: request.http?.headers.get('x-request-id'), operation: operationName ?? null, ms: Math.round(seconds * 1000), outcome: failed ? 'error' : 'ok' }, 'operation');
        },
      };
    },
  };
  return {
    name: 'metrics',
    apollo: [observe],
    routes: [{
      matches: (_req, url) => url.pathname === '/metrics',
      handle: async (_req, res) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      },
    }],
  };
}
