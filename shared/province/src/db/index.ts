export * from './entities';
export { MIGRATIONS } from './migrations';
export { openDatabase } from './openDatabase';
export { QueryCounter, constraintError, databaseConfigFor, type Database, type DatabaseConfig } from '@yrd/storage';
export { TABLES_WRITTEN, checkTablesWritten, kindsRead, recordsReadIn } from './tablesOfKinds';
