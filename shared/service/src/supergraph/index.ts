export { apiSchemaOf } from './apiSchemaOf';
