export type {
  Attached, CallerHeaders, CallerRequest, DocumentRequest, HttpRoute, OperationAttempt, OperationPipeline, OperationRequest, ReadinessCheck,
  ServicePlugin, Session,
} from './ServicePlugin';
export { asGraphQLError, contextWith, operationPipeline } from './operationPipeline';
export { ValidatedDocuments, prepareOperation, type OperationChecks } from './prepareOperation';
export { maskAnyError, reportMaskedError } from './reportMaskedError';
export { readBody, BodyTooLargeError } from './readBody';
export { forwardedHeaders, peerAddress } from './forwardedHeaders';
export { connectionHeaders } from './connectionHeaders';
