export { createRegionSubgraph, type RegionSubgraph } from './createRegionSubgraph';
export { regionTypeDefs } from './regionTypeDefs';
