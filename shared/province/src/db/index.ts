export * from './entities';
export { MIGRATIONS } from './migrations';
export { openDatabase } from './openDatabase';
export { QueryCounter, constraintError, databaseConfigFor, type Database, type DatabaseConfig } from '@yrd/storage';
export { COLUMNS_WRITTEN, TABLES_WRITTEN, WATCHED_COLUMNS, checkTablesWritten, kindsRead, recordsReadIn } from './tablesOfKinds';
