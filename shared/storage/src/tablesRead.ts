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
  /**
   * Columns to watch, per table: of these, the ones a statement reading the table whole names (every one, for a
   * `*`) are noted in `watchedColumnsRead`, those a statement reading it by keys names in `watchedColumnsReadByKey`.
   * A read that names none of them cannot have seen their values.
   */
  readonly watchedColumns?: ReadonlyMap<string, readonly string[]>;
  readonly watchedColumnsRead?: Map<string, Set<string>>;
  readonly watchedColumnsReadByKey?: Map<string, Set<string>>;
  /** Per table written, the columns an UPDATE set; null for every column (an INSERT, a DELETE, or one not told). */
  readonly columnsWritten?: Map<string, Set<string> | null>;
}

const recording = new AsyncLocalStorage<TablesTouched>();
const keyedReading = new AsyncLocalStorage<readonly string[]>();

const TRANSACTION_CONTROL = /^\s*(?:BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
/** The table an INSERT, REPLACE, UPDATE or DELETE changes. */
const TARGET = /^\s*(?:(?:INSERT|REPLACE)\b[^`"\w]*(?:\w+\s+)*?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/i;
const NAMED = /\b(?:FROM|JOIN)\s+[`"]?(\w+)/gi;
/** An UPDATE's assignments, up to its WHERE. */
const ASSIGNMENTS = /^\s*UPDATE\s+[`"]?\w+[`"]?\s+SET\s+([\s\S]*?)(?:\s+WHERE\b[\s\S]*)?$/i;
const ASSIGNED = /(?:^|,)\s*[`"]?(\w+)[`"]?\s*=/g;
/** Every column of a table: `SELECT *` or `alias.*` (not `COUNT(*)`, which reads no column's value). */
const STAR = /(?:SELECT\s+(?:DISTINCT\s+)?\*|\.\s*\*)/i;

const namings = new Map<string, RegExp>();
/** Whether a statement names `column` (snake_case), as the database spells it or as its entity's property. */
function naming(column: string): RegExp {
  let named = namings.get(column);
  if (!named) {
    const spelled = column.replace(/\W/g, '');
    const property = spelled.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
    namings.set(column, named = new RegExp(`\\b(?:${spelled}|${property})\\b`, 'i'));
  }
  return named;
}

/** The columns an UPDATE sets; null for any other statement, or one whose assignments cannot be told. */
export function columnsSet(statement: string): Set<string> | null {
  const assignments = ASSIGNMENTS.exec(statement)?.[1];
  if (!assignments) return null;
  const columns = new Set([...assignments.matchAll(ASSIGNED)].map(([, column]) => column.toLowerCase()));
  // Each assignment is one `column = value`, values being parameters: anything else is not told apart.
  return columns.size && columns.size === assignments.split(',').length ? columns : null;
}

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
    const readByKey = keys && table !== UNKNOWN_TABLE ? touched.readByKey : undefined;
    if (keys && readByKey) {
      const byKey = readByKey.get(table) ?? new Set<string>();
      for (const key of keys) byKey.add(key);
      readByKey.set(table, byKey);
    } else touched.read.add(table);
    const watched = touched.watchedColumns?.get(table);
    const columnsRead = readByKey ? touched.watchedColumnsReadByKey : touched.watchedColumnsRead;
    if (watched && columnsRead) {
      const seen = columnsRead.get(table) ?? new Set<string>();
      const star = STAR.test(statement);
      for (const column of watched) if (star || naming(column).test(statement)) seen.add(column);
      columnsRead.set(table, seen);
    }
  }
  for (const table of written) {
    touched.written.add(table);
    if (!touched.columnsWritten) continue;
    const set = columnsSet(statement);
    const before = touched.columnsWritten.get(table);
    if (before === null) continue;
    if (set === null) touched.columnsWritten.set(table, null);
    else touched.columnsWritten.set(table, new Set([...(before ?? []), ...set]));
  }
}
