import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './ErrorCode';

const SHOWN_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
// graphql-js and Apollo Server's own request errors are safe to show as they are.
const SAFE_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_IN_LIST', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The argument path graphql-js names when a variable does not coerce (`Variable "$input" got invalid value "X" at
 * "input.partners[0]"`), written the way the mutations name fields: input.partners.0.
 */
function variableField(message: string): string | null {
  // The name leads the message and the path ends it; the caller's value between may be a megabyte: only the ends are read.
  const name = /^Variable "\$(\w+)"/.exec(message.slice(0, 200))?.[1];
  if (!name) return null;
  const at = message.startsWith(`Variable "$${name}" got invalid value `) ? /.* at "([^"]{1,200})"/s.exec(message.slice(-300)) : null;
  return at ? at[1].replace(/\[(\d+)\]/g, '.$1') : name;
}

/** The most of an error message a caller gets back. */
export const MAX_MESSAGE_CHARS = 1000;

/**
 * A message cut to MAX_MESSAGE_CHARS: graphql-js repeats a caller's whole value in a coercion error, which would be
 * echoed back and scanned by every pattern after it.
 */
export const boundedMessage = (message: string): string => (message.length <= MAX_MESSAGE_CHARS ? message
  : `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length - MAX_MESSAGE_CHARS} more characters not shown)`);

/**
 * The one place errors are masked: known codes pass with their message, everything else (a database error, a
 * bug, a connection failure) becomes a bare INTERNAL_SERVER_ERROR with no stack, SQL or address in it.
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (SHOWN_CODES.has(code) || SAFE_APOLLO_CODES.has(code)) {
    // `http` only sets the answer's status (Apollo Server drops it; the socket paths must too).
    const { stacktrace: _stack, exception: _exception, http: _http, ...extensions } = formatted.extensions ?? {};
    if (code === ErrorCode.BAD_USER_INPUT && extensions.field === undefined) {
      const field = variableField(formatted.message);
      if (field) extensions.field = field;
    }
    return { ...formatted, message: boundedMessage(formatted.message), extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** A message without graphql-js's "Did you mean ...?" hints, which spell out names of the schema. */
export const withoutSuggestions = (message: string) => boundedMessage(message).replace(/ ?Did you mean [^?]{0,2000}\?/g, '');
