export { CAPACITY_TOTAL_FIELDS, PORT_FILTER_FIELDS, commonTypeDefs, federationLink } from './commonTypeDefs';
export { ENTITY_SPECS, CROSS_REFERENCED_KINDS, type EntityField, type EntitySpec } from './entityFields';
export { provinceTypeDefs } from './provinceTypeDefs';
