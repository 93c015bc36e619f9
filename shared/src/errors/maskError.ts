import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './ErrorCode';

const SHOWN_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
// graphql-js and Apollo Server's own request errors are safe to show as they are.
const SAFE_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The one place errors are masked: known codes pass with their message, everything else (a database error, a
 * bug, a connection failure) becomes a bare INTERNAL_SERVER_ERROR with no stack, SQL or address in it.
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (SHOWN_CODES.has(code) || SAFE_APOLLO_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
