export { createServiceServer, type ServiceServer, type ServiceServerOptions } from './createServiceServer';
export { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, responseMediaType, specificationStatus, type ResponseMediaType } from './graphqlOverHttp';
export { loadEnvironment, repositoryRoot, serviceEnvironment, type ServiceEnvironment } from './environment';
export { runService } from './runService';
export type { SubgraphResolvers } from './subgraphResolvers';
