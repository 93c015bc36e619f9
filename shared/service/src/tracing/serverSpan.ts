import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { tracer } from './spans';

/**
 * Serves one HTTP request in the trace its caller sent (W3C `traceparent`, `tracestate`), in a SERVER span named
 * `<method> <route>` that ends when the response closes (the GraphQL operation's name replaces it once known:
 * useTracing). Without a `traceparent`, the request starts a trace of its own.
 */
export function serveTraced<T>(req: IncomingMessage, res: ServerResponse, route: string, handle: () => Promise<T>): Promise<T> {
  const caller = propagation.extract(context.active(), req.headers);
  const method = req.method ?? 'GET';
  const span = tracer.startSpan(`${method} ${route}`, {
    kind: SpanKind.SERVER,
    attributes: {
      'http.request.method': method, 'http.route': route, 'url.path': route, 'network.peer.address': req.socket.remoteAddress,
      'server.port': req.socket.localPort,
    },
  }, caller);
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(caller, span), handle);
}

/** Serves one request in its caller's trace without a span of its own (a long-lived stream, a health probe). */
export function inCallerTrace<T>(req: IncomingMessage, handle: () => T): T {
  return context.with(propagation.extract(context.active(), req.headers), handle);
}
