export { createProvinceSubgraph, type ProvinceSubgraph, type SubgraphResolvers } from './createProvinceSubgraph';
export { createProvinceLoaders, type ProvinceLoaders } from './ProvinceLoaders';
export type { ProvinceContext } from './ProvinceContext';
export { DateScalar, DateTimeScalar, milestoneResolvers } from './provinceResolvers';
export {
  DEFAULT_PORT_ORDER, comparePositions, decodePortCursor, encodePortCursor, positionOf,
  type PortOrder, type PortOrderField, type PortPosition, type SortablePort,
} from './portOrder';
export { ProvinceWriter } from './writes/ProvinceWriter';
export { readProvinceFolder, startProvince, type ProvinceFolder, type RunningProvince } from './startProvince';
export type { PeerUrl } from './writes/LeadInitiatives';
