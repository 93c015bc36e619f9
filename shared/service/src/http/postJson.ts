import { Agent, request } from 'undici';

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

/** POSTs a JSON body and reads the whole answer; rejects when the connection fails or `signal` aborts. */
export async function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<JsonAnswer> {
  const res = await request(url, {
    method: 'POST', body, signal, dispatcher: pool,
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
  });
  return { status: res.statusCode, text: await res.body.text() };
}

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTCONN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** A connection that could not be made or broke before an answer (not a timeout, nor an answer): a read may retry. */
export const isConnectionFailure = (error: unknown) =>
  typeof error === 'object' && error !== null && CONNECTION_FAILURES.has(String((error as { code?: unknown }).code));
