export { createGateway, type Gateway, type GatewayOptions } from './createGateway';
export { composeSupergraph, CompositionError } from './supergraph/composeSupergraph';
export { subgraphDefinitions, type SubgraphDefinition } from './supergraph/subgraphDefinitions';
export { SUPERGRAPH_FILE } from './supergraph/supergraphFile';
export { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
