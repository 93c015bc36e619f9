export { createProvinceSubgraph, type ProvinceSubgraph } from './createProvinceSubgraph';
export { createProvinceLoaders, type ProvinceLoaders } from './ProvinceLoaders';
export type { ProvinceContext } from './ProvinceContext';
export { provinceWriters, type ProvinceWriters } from './writes/provinceWriters';
export { readProvinceFolder, startProvince, type ProvinceFolder, type RunningProvince } from './startProvince';
export { PeerProvinces, type PeerUrl } from './PeerProvinces';
export { sqlPage } from './sqlPage';
