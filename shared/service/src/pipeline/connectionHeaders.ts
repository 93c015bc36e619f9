import { forwardedHeaders } from './forwardedHeaders';

const strings = (source: unknown): [string, string][] => (source && typeof source === 'object'
  ? Object.entries(source).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k.toLowerCase(), v])
  : []);

/**
 * A WebSocket connection's parameters as the request headers they stand for: `{ authorization }` at the top level, as
 * most graphql-ws clients send them, or under `headers`. Only the identity and request-id headers are kept.
 */
export function connectionHeaders(params: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  return forwardedHeaders(Object.fromEntries([...strings(params?.headers), ...strings(params)]));
}
