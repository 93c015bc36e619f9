export { createServiceServer, type ServiceServer, type ServiceServerOptions, type ReadinessCheck } from './createServiceServer';
export { identityFromHeaders, type HeaderLookup } from './identityFromHeaders';
export { readBody, BodyTooLargeError } from './readBody';
export { loadEnvironment, repositoryRoot, serviceEnvironment, type ServiceEnvironment } from './environment';
export { forwardedHeaders } from './forwardedHeaders';
export { runService } from './runService';
