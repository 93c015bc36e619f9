export {
  createServiceServer, type HttpRoute, type OperationRequest, type ReadinessCheck, type RequestGuard, type ServiceServer, type ServiceServerOptions,
} from './createServiceServer';
export { maskAnyError, reportMaskedError } from './reportMaskedError';
export { readBody, BodyTooLargeError } from './readBody';
export { loadEnvironment, repositoryRoot, serviceEnvironment, type ServiceEnvironment } from './environment';
export { forwardedHeaders } from './forwardedHeaders';
export { runService } from './runService';
export type { SubgraphResolvers } from './subgraphResolvers';
