import type { TableColumnOptions } from 'typeorm';

/** Column builders for migrations, in types that mean the same on SQLite and MariaDB. */
export const varchar = (name: string, length: number, nullable = false): TableColumnOptions =>
  ({ name, type: 'varchar', length: String(length), isNullable: nullable });
export const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
export const double = (name: string, nullable = false): TableColumnOptions =>
  ({ name, type: 'double', isNullable: nullable });
export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false });
export const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: false });
export const key = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isPrimary: true });
export const versioned: TableColumnOptions[] = [int('version'), varchar('updated_at', 24)];
