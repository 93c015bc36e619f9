export { CALLER_ERROR_CODES, ErrorCode, HTTP_STATUS } from './ErrorCode';
export { DomainError, badInput, forbidden, unauthenticated, notFound, conflict } from './DomainError';
export { MAX_MESSAGE_CHARS, boundedMessage, maskError, withoutSuggestions } from './maskError';
