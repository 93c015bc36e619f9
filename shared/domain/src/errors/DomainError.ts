import { GraphQLError } from 'graphql';
import { ErrorCode } from './ErrorCode';

/**
 * An error meant for the caller: its message and extensions are shown as they are. Anything else thrown in a
 * resolver is masked to INTERNAL_SERVER_ERROR (see maskError).
 */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** Input that breaks a rule; `field` is the path of the offending argument, e.g. `input.weeklyFrequency`. */
export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });

export const forbidden = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message = 'a valid token is required') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

export const notFound = (field: string, message: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${field}: ${message}`, { field });

export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.CONFLICT, message, extensions);
