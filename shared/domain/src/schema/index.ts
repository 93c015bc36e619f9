export { CHANGE_FIELDS, PAGE_ARGS, ROOT_DOCS, PORT_FILTER_FIELDS, commonTypeDefs, connectionTypes, doc, federationLink } from './commonTypeDefs';
export { ENTITY_SPECS, CROSS_REFERENCED_KINDS, type EntityField, type EntitySpec } from './entityFields';
export { fieldLine, provinceTypeDefs } from './provinceTypeDefs';
export { DateScalar, DateTimeScalar, YearMonthScalar, milestoneResolvers, type MilestoneDates } from './scalars';
export { DEFAULT_SECRET_GRACE_MINUTES, MAX_SECRET_GRACE_MINUTES, MAX_WEBHOOKS_PER_SUBJECT, webhookTypeDefs } from './webhookTypeDefs';
