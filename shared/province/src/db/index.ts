export * from './entities';
export { MIGRATIONS } from './migrations';
export { QueryCounter } from './QueryCounter';
export { databaseConfigFor, type DatabaseConfig } from './DatabaseConfig';
export { openDatabase, type Database } from './openDatabase';
export { constraintError } from './constraintError';
