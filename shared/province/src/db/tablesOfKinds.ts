import { ANY_KIND, ENTITY_KINDS, portRecordsRead, type EntityKind, type KindRead, type RecordRead } from '@yrd/domain';
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

/** What every write keeps beside its records: its change events (any change adds one) and idempotency records. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['change_event', 'idempotency_record']);

/** The kinds of record whose changes may change what was read from `tables`: any kind for a table none writes. */
export function kindsRead(tables: Iterable<string>): Set<KindRead> {
  const kinds = new Set<KindRead>();
  for (const table of tables) {
    const writers = ENTITY_KINDS.filter((kind) => TABLES_WRITTEN[kind].includes(table));
    // The change events (the audit trail) grow with any change; a table none writes, or unknown, may hold anything.
    if (!writers.length) return new Set([ANY_KIND]);
    for (const kind of writers) kinds.add(kind);
  }
  return kinds;
}

/**
 * The records whose changes may change what `touched` read: every kind writing a table read whole, and for a table
 * read by port codes only (a loader's batch), the records of those ports of each kind writing it.
 */
export function recordsReadIn(touched: TablesTouched): Set<RecordRead> {
  const records = new Set<RecordRead>(kindsRead(touched.read));
  if (records.has(ANY_KIND)) return records;
  for (const [table, ports] of touched.readByKey ?? []) {
    const kinds = kindsRead([table]);
    if (kinds.has(ANY_KIND)) return kinds;
    for (const kind of kinds as Set<EntityKind>) for (const port of ports) records.add(portRecordsRead(kind, port));
  }
  return records;
}

/** Throws unless the write that recorded changes of `kinds` changed only tables those kinds declare. */
export function checkTablesWritten(written: Iterable<string>, kinds: readonly EntityKind[]): void {
  const allowed = new Set(kinds.flatMap((kind) => TABLES_WRITTEN[kind]));
  const undeclared = [...written].filter((table) => !allowed.has(table) && !BOOKKEEPING.has(table));
  if (undeclared.length) {
    throw new Error(`a write recording changes of ${kinds.join(', ') || 'nothing'} changed ${undeclared.join(', ')}: `
      + 'declare the table under the kind in TABLES_WRITTEN, or record a change of the kind that writes it');
  }
}
