export { createProvinceSubgraph, type ProvinceSubgraph, type SubgraphResolvers } from './createProvinceSubgraph';
export { createProvinceLoaders, type ProvinceLoaders } from './ProvinceLoaders';
export type { ProvinceContext } from './ProvinceContext';
export { DateScalar, DateTimeScalar, YearMonthScalar, milestoneResolvers } from './provinceResolvers';
export {
  AUDIT_ORDER, DEFAULT_PORT_ORDER, LIST_ORDERS, portListOrder, portSortValues, type PortOrder, type PortOrderField, type SortablePort,
} from './listOrders';
export { provinceWriters, type ProvinceWriters } from './writes/provinceWriters';
export { readProvinceFolder, startProvince, type ProvinceFolder, type RunningProvince } from './startProvince';
export { PeerProvinces, type PeerUrl } from './PeerProvinces';
export { MAX_SERIES_MONTHS, byPeriod, monthsBetween } from './capacityFigures';
export { mean, percentile } from './statistics';
