export { createServiceServer, type ServiceServer, type ServiceServerOptions } from './createServiceServer';
export { loadEnvironment, repositoryRoot, serviceEnvironment, type ServiceEnvironment } from './environment';
export { runService } from './runService';
export type { SubgraphResolvers } from './subgraphResolvers';
