export { createGateway, type Gateway, type GatewayOptions } from './createGateway';
export { DEFAULT_SUBGRAPH_POLICY, type SubgraphPolicy } from './subgraphs/SubgraphDataSource';
export { composeSupergraph, CompositionError } from './supergraph/composeSupergraph';
export { subgraphDefinitions, type SubgraphDefinition } from './supergraph/subgraphDefinitions';
export { SUPERGRAPH_FILE } from './supergraph/supergraphFile';
export { apiSchemaOf } from '@yrd/service';
export { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
export { MAX_SUBSCRIPTIONS_PER_SUBJECT } from './subscriptions/subscriptionsPerSubject';
export { OPERATIONS_DIR, PERSISTED_OPERATIONS_FILE, buildArtifacts, checkOperations, describeBroken, readOperationFiles, type BrokenOperation, type OperationFile } from './operations';
