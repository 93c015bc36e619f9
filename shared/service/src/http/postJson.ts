import { Agent, request } from 'undici';
import { SpanKind, childSpan, withTraceContext } from '../tracing';

/**
 * One keep-alive pool per process for the platform's calls between its services (gateway to subgraphs, region to
 * provinces, province to province): undici's request, which costs a fraction of fetch's CPU (no web streams, no
 * Request/Response objects) on the paths every operation takes.
 */
const pool = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 128 });

export interface JsonAnswer {
  readonly status: number;
  /** The body as text, for the caller to parse (once, or once for each caller that shares it). */
  readonly text: string;
}

const clientAttributes = (url: string) => {
  const target = new URL(url);
  return { 'http.request.method': 'POST', 'url.full': url, 'server.address': target.hostname, 'server.port': Number(target.port) || 80 };
};

/**
 * POSTs a JSON body and reads the whole answer; rejects when the connection fails or `signal` aborts. Within a traced
 * request, in a CLIENT span whose `traceparent` goes with the call, so the service called continues the trace.
 */
export function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<JsonAnswer> {
  return childSpan('POST', { kind: SpanKind.CLIENT, attributes: () => clientAttributes(url) }, async (span) => {
    const res = await request(url, {
      method: 'POST', body, signal, dispatcher: pool,
      headers: { ...withTraceContext(headers), 'content-type': 'application/json', accept: 'application/json' },
    });
    span?.setAttribute('http.response.status_code', res.statusCode);
    return { status: res.statusCode, text: await res.body.text() };
  });
}

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTCONN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** A connection that could not be made or broke before an answer (not a timeout, nor an answer): a read may retry. */
export const isConnectionFailure = (error: unknown) =>
  typeof error === 'object' && error !== null && CONNECTION_FAILURES.has(String((error as { code?: unknown }).code));
