export { provinceServices, provincesDirectory, readProvinceServices, provinceConfigSchema, REGION_DEFAULT_PORT, GATEWAY_DEFAULT_PORT, GATEWAY_NODE_ARGS, WEBHOOKS_DEFAULT_PORT, type ProvinceService } from './services';
export { provinceNames, type ProvinceNames } from './ProvinceNames';
export { PortDirectory, type DirectoryEntry } from './PortDirectory';
export { ProvinceRegistry, FOREIGN_PORT_TYPE, type EntityRef } from './ProvinceRegistry';
export { provinceEndpoints, type ProvinceEndpoint } from './provinceEndpoints';
