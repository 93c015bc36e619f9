export { createRegionSubgraph, type RegionSubgraph } from './createRegionSubgraph';
export { regionTypeDefs } from './regionTypeDefs';
export { provinceEndpoints } from './provinceEndpoints';
export type { ProvinceEndpoint } from './ProvinceClient';
