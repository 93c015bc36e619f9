export { databaseConfigFor, type DatabaseConfig } from './DatabaseConfig';
export { openDatabase, type Database, type DatabaseSchema } from './openDatabase';
export { QueryCounter, asOwnWork } from './QueryCounter';
export { UNKNOWN_TABLE, columnsSet, readingKeys, recordingTables, tablesBeingRecorded, tablesIn, type TablesTouched } from './tablesRead';
export { constraintError } from './constraintError';
export { rowsByKeys, type RowsByKeysOptions } from './rowsByKeys';
export { bool, double, int, key, text, varchar, versioned } from './migrationColumns';
