/** Every error code the platform answers with, in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  TOKEN_LIMIT_EXCEEDED = 'TOKEN_LIMIT_EXCEEDED',
  DEPTH_LIMIT_EXCEEDED = 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED = 'ALIAS_LIMIT_EXCEEDED',
  ROOT_FIELD_LIMIT_EXCEEDED = 'ROOT_FIELD_LIMIT_EXCEEDED',
  COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED',
  DIRECTIVE_LIMIT_EXCEEDED = 'DIRECTIVE_LIMIT_EXCEEDED',
  VARIABLE_LIMIT_EXCEEDED = 'VARIABLE_LIMIT_EXCEEDED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A connection with as many operations running as it may have: end one first. */
  TOO_MANY_OPERATIONS = 'TOO_MANY_OPERATIONS',
  /** A subscriber too far behind its events: it resumes from its last cursor. */
  SUBSCRIBER_TOO_SLOW = 'SUBSCRIBER_TOO_SLOW',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * Codes that say the caller's request was wrong (not that a service failed): a service passes them on from the one
 * it called, and never retries or counts them as an outage.
 */
export const CALLER_ERROR_CODES: ReadonlySet<string> = new Set([ErrorCode.BAD_USER_INPUT, ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED]);

/** The HTTP status each code stands for when it is the only error of a response. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SUBGRAPH_UNAVAILABLE]: 503,
  [ErrorCode.SUBSCRIBER_TOO_SLOW]: 503,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.TOKEN_LIMIT_EXCEEDED]: 400,
  [ErrorCode.DEPTH_LIMIT_EXCEEDED]: 400,
  [ErrorCode.ALIAS_LIMIT_EXCEEDED]: 400,
  [ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED]: 400,
  [ErrorCode.COST_LIMIT_EXCEEDED]: 400,
  [ErrorCode.DIRECTIVE_LIMIT_EXCEEDED]: 400,
  [ErrorCode.VARIABLE_LIMIT_EXCEEDED]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.TOO_MANY_OPERATIONS]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};
