import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral } from 'typeorm';
import { traceBatch } from '@yrd/service';
import { readingKeys, rowsByKeys } from '@yrd/storage';
import { AGENCIES } from '@yrd/domain';
import {
  CLEARANCE_FIELDS, CapacityRecordRow, ChangeEventRow, CommitmentRow, InitiativeRow, MilestoneRow, PortRow, RouteRow, TerminalCargoClassRow,
  TerminalRow, TerminalStepRow,
} from '../db';

/**
 * The ids of the latest month of each agency at each port asked: one backward step down the (port, agency, period)
 * index per port and agency, so the cost does not grow with a port's history (a GROUP BY read all of it: 0.15 against
 * 0.10 ms for a port of 600 records in SQLite; level on pages of ports with short histories). Selected as `id IN
 * (...)`: joined instead, SQLite's planner walked the port's every record. The agencies are the domain's own names,
 * never a caller's.
 */
const latestMonthsOf = (ports: string) => `SELECT (SELECT x.id FROM capacity_record x
  WHERE x.port_code = p.code AND x.agency = a.agency ORDER BY x.period DESC LIMIT 1)
  FROM port p CROSS JOIN (${AGENCIES.map((agency, i) => `SELECT '${agency}'${i ? '' : ' AS agency'}`).join(' UNION ALL ')}) a
  WHERE p.code IN (${ports})`;

/**
 * Whether a loader's keys are port codes its statement reads only the rows of: what it reads is then noted as those
 * ports' records (readingKeys), and a cache keeps it until a change to one of them.
 */
type KeyedBy = 'port' | 'other';
const reading = <T>(keyedBy: KeyedBy, keys: readonly string[], work: () => Promise<T>) =>
  (keyedBy === 'port' ? readingKeys(keys, work) : work());

type Reader<T> = (keys: readonly string[]) => Promise<T[]>;

/** Batches `key IN (...)` look-ups into one statement and answers in the order asked, null where missing. */
function byKey<T extends ObjectLiteral>(name: string, read: Reader<T>, column: keyof T & string, keyedBy: KeyedBy = 'other') {
  return new DataLoader<string, T | null>(traceBatch(name, async (keys) => {
    const rows = await reading(keyedBy, keys, () => read(keys));
    const found = new Map(rows.map((row) => [String(row[column]), row]));
    return keys.map((k) => found.get(k) ?? null);
  }));
}

/** Batches `column IN (...)` into one statement and groups the rows by that column, in the reader's order. */
function grouped<T extends ObjectLiteral>(name: string, read: Reader<T>, column: keyof T & string, keyedBy: KeyedBy = 'other') {
  return new DataLoader<string, T[]>(traceBatch(name, async (keys) => {
    const rows = await reading(keyedBy, keys, () => read(keys));
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[column]))?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  }));
}

/** The statements the loaders run, made once per database (rowsByKeys): the loaders themselves are per request. */
function readersFor(ds: DataSource) {
  return {
    port: rowsByKeys(ds, PortRow, 'code'),
    terminal: rowsByKeys(ds, TerminalRow, 'id'),
    capacityRecord: rowsByKeys(ds, CapacityRecordRow, 'id'),
    route: rowsByKeys(ds, RouteRow, 'id'),
    initiative: rowsByKeys(ds, InitiativeRow, 'id'),
    commitment: rowsByKeys(ds, CommitmentRow, 'id'),
    terminalsByPort: rowsByKeys(ds, TerminalRow, 'portCode', { order: ['id'] }),
    routesByOrigin: rowsByKeys(ds, RouteRow, 'originPortCode', { order: ['id'] }),
    cargoClassesByTerminal: rowsByKeys(ds, TerminalCargoClassRow, 'terminalId', { order: ['cargoClass'] }),
    stepsByTerminal: rowsByKeys(ds, TerminalStepRow, 'terminalId', { order: ['seq'] }),
    milestonesByInitiative: rowsByKeys(ds, MilestoneRow, 'initiativeId', { order: ['seq'] }),
    clearanceOfPort: rowsByKeys(ds, PortRow, 'code', { select: ['code', ...CLEARANCE_FIELDS] }),
    latestCapacity: rowsByKeys(ds, CapacityRecordRow, 'id', { order: ['agency'], selectedFromKeys: latestMonthsOf }),
  };
}
const readersByDatabase = new WeakMap<DataSource, ReturnType<typeof readersFor>>();

/**
 * Per-request loaders: every reference resolution and every nested list goes through one of these, so a plan step
 * costs one SQL statement per entity type however many keys it carries. Each batch is a span (`dataloader port`)
 * around its statement in a traced request.
 */
export function createProvinceLoaders(ds: DataSource) {
  let read = readersByDatabase.get(ds);
  if (!read) readersByDatabase.set(ds, (read = readersFor(ds)));
  return {
    port: byKey('port', read.port, 'code', 'port'),
    terminal: byKey('terminal', read.terminal, 'id'),
    capacityRecord: byKey('capacityRecord', read.capacityRecord, 'id'),
    route: byKey('route', read.route, 'id'),
    initiative: byKey('initiative', read.initiative, 'id'),
    commitment: byKey('commitment', read.commitment, 'id'),
    terminalsByPort: grouped('terminalsByPort', read.terminalsByPort, 'portCode', 'port'),
    routesByOrigin: grouped('routesByOrigin', read.routesByOrigin, 'originPortCode'),
    cargoClassesByTerminal: grouped('cargoClassesByTerminal', read.cargoClassesByTerminal, 'terminalId'),
    stepsByTerminal: grouped('stepsByTerminal', read.stepsByTerminal, 'terminalId'),
    milestonesByInitiative: grouped('milestonesByInitiative', read.milestonesByInitiative, 'initiativeId'),
    /** Each record's changes, newest first, keyed `<kind>:<key>`: one statement per kind asked. */
    historyOf: new DataLoader<string, ChangeEventRow[]>(traceBatch('historyOf', async (keys) => {
      const byKind = new Map<string, string[]>();
      for (const key of keys) {
        const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
      }
      const rows = (await Promise.all([...byKind].map(([entity, ids]) => ds.getRepository(ChangeEventRow).find({
        where: { entity: entity as ChangeEventRow['entity'], entityId: In(ids) }, order: { at: 'DESC', id: 'DESC' },
      })))).flat();
      return keys.map((key) => rows.filter((r) => `${r.entity}:${r.entityId}` === key));
    })),
    /** Ports' latest customs clearance hours, which no other read of ports selects: read by port, so kept by port. */
    clearanceOfPort: byKey('clearanceOfPort', read.clearanceOfPort, 'code', 'port'),
    latestCapacityByPort: new DataLoader<string, CapacityRecordRow[]>(traceBatch('latestCapacityByPort', async (codes) => {
      const rows = await readingKeys(codes, () => read.latestCapacity(codes));
      return codes.map((code) => rows.filter((r) => r.portCode === code));
    })),
  };
}

export type ProvinceLoaders = ReturnType<typeof createProvinceLoaders>;
