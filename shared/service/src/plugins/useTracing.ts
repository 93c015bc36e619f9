import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, isSpanContextValid, trace } from '@opentelemetry/api';
import type { ServicePlugin } from '../pipeline';

/** The request header that asks for the trace id in the response's `extensions.traceId`. */
export const TRACE_HEADER = 'x-trace';

/** Whether the caller asked for its trace id: `x-trace: true`, or `"extensions": { "trace": true }` in the request. */
const asked = (request: { http?: { headers: { get(name: string): string | undefined } }; extensions?: Record<string, unknown> }) =>
  request.http?.headers.get(TRACE_HEADER) === 'true' || request.extensions?.trace === true;

/**
 * The operation on its span: the request's span (serveTraced) is named `<type> <name>` once the operation is known
 * (`query PortsAcross`), with `graphql.operation.name`, `graphql.operation.type` and `graphql.document.hash` (the
 * SHA-256 of the document, as Apollo Server computes it), and marked failed when the answer has errors. A caller who
 * asks (`x-trace: true`, or the request extension `trace: true`) gets the trace id in `extensions.traceId`, to find
 * the trace in the tracing backend or in the services' logs.
 */
export function useTracing<TContext extends BaseContext>(): ServicePlugin<TContext> {
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart({ request }) {
      const span = trace.getActiveSpan();
      if (!span) return {};
      return {
        async didResolveOperation({ operation, operationName, queryHash }) {
          if (!operation || !span.isRecording()) return;
          span.updateName(`${operation.operation} ${operationName ?? 'anonymous'}`);
          span.setAttributes({
            'graphql.operation.type': operation.operation, 'graphql.document.hash': queryHash,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
          });
        },
        async willSendResponse({ response, errors }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const failed = errors?.[0] ?? result.errors?.[0];
          if (failed && span.isRecording()) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: String(failed.extensions?.code ?? 'error') });
          }
          const traced = span.spanContext();
          if (asked(request) && isSpanContextValid(traced)) result.extensions = { ...result.extensions, traceId: traced.traceId };
        },
      };
    },
  };
  return { name: 'tracing', apollo: [plugin] };
}
