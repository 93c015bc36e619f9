import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type FindOptionsSelect, type ObjectLiteral } from 'typeorm';
import { traceBatch } from '@yrd/service';
import { readingKeys } from '@yrd/storage';
import { AGENCIES } from '@yrd/domain';
import {
  CLEARANCE_FIELDS, CapacityRecordRow, ChangeEventRow, CommitmentRow, InitiativeRow, MilestoneRow, PortRow, RouteRow, TerminalCargoClassRow,
  TerminalRow, TerminalStepRow,
} from '../db';

/**
 * The ids of the latest month of each agency at each port asked (`:...codes`): one backward step down the (port,
 * agency, period) index per port and agency, so the cost does not grow with a port's history (a GROUP BY read all of
 * it: 0.15 against 0.10 ms for a port of 600 records in SQLite; level on pages of ports with short histories). Used as
 * `id IN (...)`: joined instead, SQLite's planner walked the port's every record. The agencies are the domain's own
 * names, never a caller's.
 */
const LATEST_MONTHS = `(SELECT (SELECT x.id FROM capacity_record x
  WHERE x.port_code = p.code AND x.agency = a.agency ORDER BY x.period DESC LIMIT 1) AS id
  FROM port p CROSS JOIN (${AGENCIES.map((agency, i) => `SELECT '${agency}'${i ? '' : ' AS agency'}`).join(' UNION ALL ')}) a
  WHERE p.code IN (:...codes))`;

/**
 * Whether a loader's keys are port codes its statement reads only the rows of: what it reads is then noted as those
 * ports' records (readingKeys), and a cache keeps it until a change to one of them.
 */
type KeyedBy = 'port' | 'other';
const reading = <T>(keyedBy: KeyedBy, keys: readonly string[], work: () => Promise<T>) =>
  (keyedBy === 'port' ? readingKeys(keys, work) : work());

/** Batches `key IN (...)` look-ups into one statement and answers in the order asked, null where missing. */
function byKey<T extends ObjectLiteral>(
  name: string, ds: DataSource, entity: EntityTarget<T>, column: keyof T & string, keyedBy: KeyedBy = 'other',
  /** The columns to read, where not the entity's own selection. */
  select?: FindOptionsSelect<T>,
) {
  return new DataLoader<string, T | null>(traceBatch(name, async (keys) => {
    const rows = await reading(keyedBy, keys, () => ds.getRepository(entity).find({ where: { [column]: In([...keys]) } as never, select }));
    const found = new Map(rows.map((row) => [String(row[column]), row]));
    return keys.map((k) => found.get(k) ?? null);
  }));
}

/** Batches `column IN (...)` into one statement and groups the rows by that column, in `order`. */
function grouped<T extends ObjectLiteral>(
  name: string, ds: DataSource, entity: EntityTarget<T>, column: keyof T & string, order: Partial<Record<keyof T, 'ASC'>>,
  keyedBy: KeyedBy = 'other',
) {
  return new DataLoader<string, T[]>(traceBatch(name, async (keys) => {
    const rows = await reading(keyedBy, keys, () => ds.getRepository(entity).find({ where: { [column]: In([...keys]) } as never, order: order as never }));
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[column]))?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  }));
}

/**
 * Per-request loaders: every reference resolution and every nested list goes through one of these, so a plan step
 * costs one SQL statement per entity type however many keys it carries. Each batch is a span (`dataloader port`)
 * around its statement in a traced request.
 */
export function createProvinceLoaders(ds: DataSource) {
  return {
    port: byKey('port', ds, PortRow, 'code', 'port'),
    terminal: byKey('terminal', ds, TerminalRow, 'id'),
    capacityRecord: byKey('capacityRecord', ds, CapacityRecordRow, 'id'),
    route: byKey('route', ds, RouteRow, 'id'),
    initiative: byKey('initiative', ds, InitiativeRow, 'id'),
    commitment: byKey('commitment', ds, CommitmentRow, 'id'),
    terminalsByPort: grouped('terminalsByPort', ds, TerminalRow, 'portCode', { id: 'ASC' }, 'port'),
    routesByOrigin: grouped('routesByOrigin', ds, RouteRow, 'originPortCode', { id: 'ASC' }),
    cargoClassesByTerminal: grouped('cargoClassesByTerminal', ds, TerminalCargoClassRow, 'terminalId', { cargoClass: 'ASC' }),
    stepsByTerminal: grouped('stepsByTerminal', ds, TerminalStepRow, 'terminalId', { seq: 'ASC' }),
    milestonesByInitiative: grouped('milestonesByInitiative', ds, MilestoneRow, 'initiativeId', { seq: 'ASC' }),
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
    clearanceOfPort: byKey('clearanceOfPort', ds, PortRow, 'code', 'port',
      { code: true, ...Object.fromEntries(CLEARANCE_FIELDS.map((field) => [field, true])) }),
    latestCapacityByPort: new DataLoader<string, CapacityRecordRow[]>(traceBatch('latestCapacityByPort', async (codes) => {
      const rows = await readingKeys(codes, () => ds.getRepository(CapacityRecordRow).createQueryBuilder('c')
        .where(`c.id IN ${LATEST_MONTHS}`, { codes: [...codes] })
        .orderBy('c.agency', 'ASC')
        .getMany());
      return codes.map((code) => rows.filter((r) => r.portCode === code));
    })),
  };
}

export type ProvinceLoaders = ReturnType<typeof createProvinceLoaders>;
