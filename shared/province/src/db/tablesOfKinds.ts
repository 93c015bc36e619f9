import { ANY_KIND, ENTITY_KINDS, keyedRecordsRead, type EntityKind, type KindRead, type RecordRead } from '@yrd/domain';
import type { TablesTouched } from '@yrd/storage';

/**
 * The tables a write of each kind of record may change. A cache keeps what was read from a table until a change of
 * a kind that writes it: so every write is held to this (checkTablesWritten), and a table missing here fails the
 * write instead of leaving answers stale.
 */
export const TABLES_WRITTEN: Readonly<Record<EntityKind, readonly string[]>> = {
  Port: ['port'],
  Terminal: ['terminal', 'terminal_cargo_class', 'terminal_step'],
  // Customs capacity keeps the port's latest clearance hours on the port, for its filters and sorts.
  CapacityRecord: ['capacity_record', 'port'],
  Route: ['route'],
  Initiative: ['initiative', 'milestone'],
  Commitment: ['commitment'],
};

/**
 * Where a kind writes only some columns of a table (and adds or removes no row): a read of the table that names none
 * of them does not depend on that kind. Writes are held to these too.
 */
export const COLUMNS_WRITTEN: Readonly<Partial<Record<EntityKind, Readonly<Record<string, readonly string[]>>>>> = {
  CapacityRecord: { port: ['import_clearance_hours', 'export_clearance_hours', 'clearance_period'] },
};

/** Per table, the columns some kind writes alone: what a request's reads are watched for (TablesTouched.watchedColumns). */
export const WATCHED_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.values(COLUMNS_WRITTEN).flatMap((tables) => Object.entries(tables ?? {})));

/** What every write keeps beside its records: its change events (any change adds one) and idempotency records. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['change_event', 'idempotency_record']);

/**
 * The kinds of record whose changes may change what was read from `tables`: any kind for a table none writes. Where
 * the watched columns read are given (per table, as TablesTouched notes them), a kind writing only columns of a
 * table that no read of it named is left out.
 */
export function kindsRead(tables: Iterable<string>, columnsRead?: ReadonlyMap<string, ReadonlySet<string>>): Set<KindRead> {
  const kinds = new Set<KindRead>();
  for (const table of tables) {
    const writers = ENTITY_KINDS.filter((kind) => TABLES_WRITTEN[kind].includes(table));
    // The change events (the audit trail) grow with any change; a table none writes, or unknown, may hold anything.
    if (!writers.length) return new Set([ANY_KIND]);
    const named = columnsRead?.get(table);
    for (const kind of writers) {
      const only = COLUMNS_WRITTEN[kind]?.[table];
      if (!only || !named || only.some((column) => named.has(column))) kinds.add(kind);
    }
  }
  return kinds;
}

/**
 * The records whose changes may change what `touched` read: every kind writing a table read whole (but those whose
 * columns no read of it named), and for a table read by keys only (a loader's batch by port code, the months of a
 * figure), the records of those keys of each kind writing it (but those whose columns no keyed read of it named).
 */
export function recordsReadIn(touched: TablesTouched): Set<RecordRead> {
  const records = new Set<RecordRead>(kindsRead(touched.read, touched.watchedColumnsRead));
  if (records.has(ANY_KIND)) return records;
  for (const [table, keys] of touched.readByKey ?? []) {
    const kinds = kindsRead([table], touched.watchedColumnsReadByKey);
    if (kinds.has(ANY_KIND)) return kinds;
    for (const kind of kinds as Set<EntityKind>) for (const key of keys) records.add(keyedRecordsRead(kind, key));
  }
  return records;
}

/**
 * Throws unless the write that recorded changes of `kinds` changed only tables those kinds declare, and where they
 * declare only some columns of a table, only those (`columnsWritten` as TablesTouched notes them; a table missing
 * there counts as every column written).
 */
export function checkTablesWritten(written: Iterable<string>, kinds: readonly EntityKind[],
  columnsWritten?: ReadonlyMap<string, ReadonlySet<string> | null>): void {
  const undeclared = [...written].filter((table) => !BOOKKEEPING.has(table) && !kinds.some((kind) => {
    if (!TABLES_WRITTEN[kind].includes(table)) return false;
    const only = COLUMNS_WRITTEN[kind]?.[table];
    const set = columnsWritten?.get(table);
    return !only || (!!set && [...set].every((column) => only.includes(column)));
  }));
  if (undeclared.length) {
    throw new Error(`a write recording changes of ${kinds.join(', ') || 'nothing'} changed ${undeclared.join(', ')}: `
      + 'declare the table under the kind in TABLES_WRITTEN (and its columns in COLUMNS_WRITTEN where it writes only some), '
      + 'or record a change of the kind that writes it');
  }
}
