import { AsyncLocalStorage } from 'node:async_hooks';

/** Stands for a statement whose tables could not be told: whatever read it may depend on any table. */
export const UNKNOWN_TABLE = '*';

/** The tables one unit of work's statements read and wrote. */
export interface TablesTouched {
  readonly read: Set<string>;
  readonly written: Set<string>;
}

const recording = new AsyncLocalStorage<TablesTouched>();

const TRANSACTION_CONTROL = /^\s*(?:BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
/** The table an INSERT, REPLACE, UPDATE or DELETE changes. */
const TARGET = /^\s*(?:(?:INSERT|REPLACE)\b[^`"\w]*(?:\w+\s+)*?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/i;
const NAMED = /\b(?:FROM|JOIN)\s+[`"]?(\w+)/gi;

/**
 * What a statement reads and writes: the table it changes, and every table named after FROM or JOIN (quoted or
 * not) besides. A query that names none reads UNKNOWN_TABLE; transaction control touches nothing.
 */
export function tablesIn(statement: string): TablesTouched {
  const touched: TablesTouched = { read: new Set(), written: new Set() };
  if (TRANSACTION_CONTROL.test(statement)) return touched;
  const target = TARGET.exec(statement)?.[1]?.toLowerCase();
  if (target) touched.written.add(target);
  for (const [, table] of statement.matchAll(NAMED)) if (table.toLowerCase() !== target) touched.read.add(table.toLowerCase());
  if (!target && !touched.read.size) touched.read.add(UNKNOWN_TABLE);
  return touched;
}

/**
 * Runs `work` (one request, or one write), noting in `touched` every table its statements read and write, however
 * deep in its resolvers and DataLoader batches they run: what its answer depends on, and what it changed.
 */
export function recordingTables<T>(touched: TablesTouched, work: () => T): T {
  return recording.run(touched, work);
}

/** The tables the work being recorded now has touched so far; undefined outside any. */
export const tablesBeingRecorded = (): TablesTouched | undefined => recording.getStore();

/** Notes a statement run now in the work being recorded, if any. */
export function noteStatement(statement: string): void {
  const touched = recording.getStore();
  if (!touched) return;
  const { read, written } = tablesIn(statement);
  for (const table of read) touched.read.add(table);
  for (const table of written) touched.written.add(table);
}
