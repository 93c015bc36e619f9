import { AsyncLocalStorage } from 'node:async_hooks';

/** Stands for a statement whose tables could not be told: whatever read it may depend on any table. */
export const UNKNOWN_TABLE = '*';

/** The tables one unit of work's statements read and wrote. */
export interface TablesTouched {
  /** Tables read whole, or by anything but a known key. */
  readonly read: Set<string>;
  readonly written: Set<string>;
  /** Tables read only by known keys (readingKeys), with those keys; a table also in `read` was read whole too. */
  readonly readByKey?: Map<string, Set<string>>;
}

const recording = new AsyncLocalStorage<TablesTouched>();
const keyedReading = new AsyncLocalStorage<readonly string[]>();

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

/**
 * Runs `work`, whose statements read only rows of these `keys` (a loader's batch, `WHERE port_code IN (...)`): the
 * tables they read are noted as read by those keys, so what depends on them changes only with a change to one of
 * them. The caller vouches for the WHERE; a statement that may read other rows must not run in here.
 */
export function readingKeys<T>(keys: readonly string[], work: () => T): T {
  return keyedReading.run(keys, work);
}

/** Notes a statement run now in the work being recorded, if any. */
export function noteStatement(statement: string): void {
  const touched = recording.getStore();
  if (!touched) return;
  const { read, written } = tablesIn(statement);
  const keys = keyedReading.getStore();
  for (const table of read) {
    if (!keys || !touched.readByKey || table === UNKNOWN_TABLE) touched.read.add(table);
    else {
      const byKey = touched.readByKey.get(table) ?? new Set<string>();
      for (const key of keys) byKey.add(key);
      touched.readByKey.set(table, byKey);
    }
  }
  for (const table of written) touched.written.add(table);
}
