import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** The longest request id passed on; a longer or non-printable one is dropped and the next service makes its own. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
/** A bearer token as every service reads it: printable ASCII, at most 8 KB (the authenticator's own bound). */
const BEARER = /^\s*Bearer\s+([\x21-\x7e]{1,8192})\s*$/i;

/**
 * The headers that carry the caller's token and the request id, checked and normalised before they are passed on to
 * every subgraph a service calls: a value a caller controls (a WebSocket's connectionParams too) that an HTTP client
 * would refuse to send (non-ASCII, megabytes of padding) must not make the upstream call throw.
 */
export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const forwarded: Record<string, string> = {};
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length <= 8300) {
    const token = BEARER.exec(authorization)?.[1];
    if (token) forwarded.authorization = `Bearer ${token}`;
  }
  const requestId = headers['x-request-id'];
  if (typeof requestId === 'string' && REQUEST_ID.test(requestId)) forwarded['x-request-id'] = requestId;
  return forwarded;
}

/** The peer's address, as far as a transport can see (behind a proxy, the proxy's). */
export const peerAddress = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';
