import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { boundedMessage, maskError } from '../errors';
import { loggerFor } from '../observability/logger';

/** A message without graphql-js's "Did you mean ...?" hints, which spell out names of the schema. */
export const withoutSuggestions = (message: string) => boundedMessage(message).replace(/ ?Did you mean [^?]{0,2000}\?/g, '');

/** An error as the client may see it (maskError); what the client no longer sees goes to the log, for the operator. */
export function reportMaskedError(service: string, formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const cause = (original as { originalError?: unknown } | null)?.originalError ?? original;
  // @apollo/gateway says so with a plain Error: the caller's mistake, not an internal one.
  if (cause instanceof Error && /^Unknown operation named "[^"]*"\.$/.test(cause.message)) {
    return { message: cause.message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } };
  }
  const masked = maskError(formatted);
  if (masked !== formatted && masked.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    // A subgraph's error reaches the gateway as a plain object: its message is the formatted one.
    loggerFor(service).error({ path: formatted.path, error: cause instanceof Error ? cause.message : formatted.message }, 'masked error');
  }
  return masked;
}

const isFormatted = (error: unknown): error is GraphQLFormattedError =>
  !!error && typeof error === 'object' && !(error instanceof Error) && typeof (error as { message?: unknown }).message === 'string';

/**
 * Formats any error and masks it: a GraphQLError, one already formatted (an operation run through Apollo Server),
 * or a plain Error (graphql-ws would call its missing toJSON), which has no code and so is masked whole.
 */
export function maskAnyError(service: string, error: unknown): GraphQLFormattedError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : isFormatted(error) ? error
    : { message: error instanceof Error ? error.message : String(error) };
  return reportMaskedError(service, formatted, error);
}
