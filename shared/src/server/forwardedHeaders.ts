import type { IncomingHttpHeaders } from 'node:http';

/** Headers that carry the caller's token and the request id: passed on to every subgraph a service calls. */
const FORWARDED = /^(authorization|x-request-id)$/;

export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers)
    .filter((entry): entry is [string, string] => FORWARDED.test(entry[0]) && typeof entry[1] === 'string'));
}
