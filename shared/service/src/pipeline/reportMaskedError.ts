import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { maskError } from '@yrd/domain';
import { loggerFor } from '../observability/logger';

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
  return reportMaskedError(service, toFormatted(error), error);
}

/** Any error in its formatted shape, unmasked: a GraphQLError's own, one already formatted, or a plain Error's message. */
export const toFormatted = (error: unknown): GraphQLFormattedError => (error instanceof GraphQLError ? error.toJSON()
  : isFormatted(error) ? error : { message: error instanceof Error ? error.message : String(error) });
