import { Brackets, type DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  CapacityRecordRow, CommitmentRow, InitiativeRow, MilestoneRow, PortRow, RouteRow, TerminalCargoClassRow, TerminalRow,
} from '../db';
import { badInput } from '../errors';
import { DEFAULT_PORT_ORDER, decodePortCursor, type PortOrder } from './portOrder';

export interface ProvincePortFilter {
  codes?: string[] | null;
  kinds?: string[] | null;
  openingStatuses?: string[] | null;
  clearance24x7?: boolean | null;
  eportConnections?: string[] | null;
  cargoClass?: string | null;
  maxImportClearanceHours?: number | null;
}

const MAX_PAGE = 1000;
/** `column IN (values)` when a list is given; an empty list matches nothing; null or absent filters nothing. */
function whereIn<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, values: readonly string[] | null | undefined) {
  if (!Array.isArray(values)) return;
  const param = column.replace(/\W/g, '_');
  qb.andWhere(values.length ? `${column} IN (:...${param})` : '1 = 0', { [param]: values });
}

function filteredPorts(ds: DataSource, filter: ProvincePortFilter = {}): SelectQueryBuilder<PortRow> {
  const qb = ds.getRepository(PortRow).createQueryBuilder('p');
  whereIn(qb, 'p.code', filter.codes);
  whereIn(qb, 'p.kind', filter.kinds);
  whereIn(qb, 'p.openingStatus', filter.openingStatuses);
  whereIn(qb, 'p.eportConnection', filter.eportConnections);
  if (typeof filter.clearance24x7 === 'boolean') qb.andWhere('p.clearance24x7 = :c24', { c24: filter.clearance24x7 });
  if (typeof filter.maxImportClearanceHours === 'number') {
    qb.andWhere('p.importClearanceHours <= :maxH', { maxH: filter.maxImportClearanceHours });
  }
  if (filter.cargoClass) {
    qb.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(TerminalRow, 't')
      .innerJoin(TerminalCargoClassRow, 'tc', 'tc.terminalId = t.id')
      .where('t.portCode = p.code AND tc.cargoClass = :cargo').getQuery()}`, { cargo: filter.cargoClass });
  }
  return qb;
}

const ORDER_COLUMN = { CODE: 'p.code', NAME_EN: 'p.nameEn', IMPORT_CLEARANCE_HOURS: 'p.importClearanceHours' } as const;

/** One page of a province's ports in the total order of portOrder.ts, after a keyset cursor. */
export async function listPorts(
  ds: DataSource,
  args: { filter?: ProvincePortFilter | null; orderBy?: PortOrder | null; first?: number | null; after?: string | null },
): Promise<PortRow[]> {
  const order = args.orderBy ?? DEFAULT_PORT_ORDER;
  if (args.first != null && (args.first < 0 || args.first > MAX_PAGE)) {
    throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
  }
  const qb = filteredPorts(ds, args.filter ?? {});
  const column = ORDER_COLUMN[order.field];
  const greater = order.direction === 'ASC' ? '>' : '<';
  if (args.after) {
    const { value, code } = decodePortCursor(args.after);
    if (order.field === 'CODE') {
      qb.andWhere(`p.code ${greater} :afterCode`, { afterCode: code });
    } else if (value === null) {
      qb.andWhere(`${column} IS NULL AND p.code > :afterCode`, { afterCode: code });
    } else {
      qb.andWhere(new Brackets((w) => w
        .where(`${column} IS NULL`)
        .orWhere(`${column} ${greater} :afterValue`, { afterValue: value })
        .orWhere(`${column} = :afterValue AND p.code > :afterCode`, { afterValue: value, afterCode: code })));
    }
  }
  if (order.field !== 'CODE') qb.orderBy(`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`, 'ASC').addOrderBy(column, order.direction);
  qb.addOrderBy('p.code', order.field === 'CODE' ? order.direction : 'ASC');
  if (args.first != null) qb.take(args.first);
  return qb.getMany();
}

export const countPorts = (ds: DataSource, filter?: ProvincePortFilter | null) => filteredPorts(ds, filter ?? {}).getCount();

export async function listTerminals(
  ds: DataSource, filter: { portCodes?: string[] | null; stages?: string[] | null; cargoClass?: string | null } = {},
): Promise<TerminalRow[]> {
  const qb = ds.getRepository(TerminalRow).createQueryBuilder('t').orderBy('t.id', 'ASC');
  whereIn(qb, 't.portCode', filter.portCodes);
  whereIn(qb, 't.stage', filter.stages);
  if (filter.cargoClass) {
    qb.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(TerminalCargoClassRow, 'tc')
      .where('tc.terminalId = t.id AND tc.cargoClass = :cargo').getQuery()}`, { cargo: filter.cargoClass });
  }
  return qb.getMany();
}

export async function listRoutes(
  ds: DataSource,
  filter: { modes?: string[] | null; statuses?: string[] | null; originCodes?: string[] | null; destinationCodes?: string[] | null } = {},
): Promise<RouteRow[]> {
  const qb = ds.getRepository(RouteRow).createQueryBuilder('r').orderBy('r.id', 'ASC');
  whereIn(qb, 'r.mode', filter.modes);
  whereIn(qb, 'r.status', filter.statuses);
  whereIn(qb, 'r.originCode', filter.originCodes);
  whereIn(qb, 'r.destinationCode', filter.destinationCodes);
  return qb.getMany();
}

export async function listInitiatives(
  ds: DataSource, filter: { statuses?: string[] | null; partner?: string | null; overdueAsOf?: string | null } = {},
): Promise<InitiativeRow[]> {
  const qb = ds.getRepository(InitiativeRow).createQueryBuilder('i').orderBy('i.id', 'ASC');
  whereIn(qb, 'i.status', filter.statuses);
  if (filter.partner) {
    // partners is a comma-separated list: match a whole code only.
    qb.andWhere("CONCAT(',', i.partners, ',') LIKE :partner", { partner: `%,${filter.partner},%` });
  }
  if (filter.overdueAsOf) {
    qb.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(MilestoneRow, 'm')
      .where('m.initiativeId = i.id AND m.doneOn IS NULL AND m.due < :asOf').getQuery()}`, { asOf: filter.overdueAsOf });
  }
  return qb.getMany();
}

export const listCommitments = (ds: DataSource) =>
  ds.getRepository(CommitmentRow).find({ order: { id: 'ASC' } });

export async function listCapacityRecords(
  ds: DataSource,
  filter: { portCodes?: string[] | null; agencies?: string[] | null; from?: string | null; to?: string | null } = {},
): Promise<CapacityRecordRow[]> {
  const qb = ds.getRepository(CapacityRecordRow).createQueryBuilder('c')
    .orderBy('c.portCode', 'ASC').addOrderBy('c.agency', 'ASC').addOrderBy('c.period', 'ASC');
  whereIn(qb, 'c.portCode', filter.portCodes);
  whereIn(qb, 'c.agency', filter.agencies);
  if (filter.from) qb.andWhere('c.period >= :from', { from: filter.from });
  if (filter.to) qb.andWhere('c.period <= :to', { to: filter.to });
  return qb.getMany();
}

const OPEN_STAGES = ['OPENED', 'TEMPORARILY_OPENED'];

/**
 * The province's side of regionalCapacity: design capacity of its open terminals that handle `cargoClass` (all
 * terminals when null), and the customs-recorded throughput in `period` of the ports those terminals are in.
 */
export async function capacitySummary(ds: DataSource, province: string, period: string, cargoClass: string | null) {
  const terminals = ds.getRepository(TerminalRow).createQueryBuilder('t')
    .select('t.capacityUnit', 'unit').addSelect('COUNT(*)', 'terminals').addSelect('SUM(t.designCapacity)', 'capacity')
    .where('t.stage IN (:...open)', { open: OPEN_STAGES }).groupBy('t.capacityUnit');
  const ports = ds.getRepository(TerminalRow).createQueryBuilder('t').select('DISTINCT t.portCode', 'code');
  if (cargoClass) {
    const handles = (alias: string) => `EXISTS (SELECT 1 FROM terminal_cargo_class tc WHERE tc.terminal_id = ${alias}.id AND tc.cargo_class = :cargo)`;
    terminals.andWhere(handles('t'), { cargo: cargoClass });
    ports.where(handles('t'), { cargo: cargoClass });
  }
  const byUnit = await terminals.getRawMany<{ unit: string; terminals: string | number; capacity: string | number }>();
  const throughput = await ds.getRepository(CapacityRecordRow).createQueryBuilder('c')
    .select('COUNT(DISTINCT c.portCode)', 'ports')
    .addSelect('COALESCE(SUM(c.throughputTeu), 0)', 'teu').addSelect('COALESCE(SUM(c.throughputTonnes), 0)', 'tonnes')
    .addSelect('COALESCE(SUM(c.passengers), 0)', 'passengers').addSelect('COALESCE(SUM(c.flights), 0)', 'flights')
    .where('c.period = :period AND c.agency = :customs', { period, customs: 'CUSTOMS' })
    .andWhere(`c.portCode IN (${ports.getQuery()})`, ports.getParameters())
    .getRawOne<{ ports: string | number; teu: string | number; tonnes: string | number; passengers: string | number; flights: string | number }>();
  const unit = (u: string) => Number(byUnit.find((r) => r.unit === u)?.capacity ?? 0);
  return {
    province, period, cargoClass,
    terminals: byUnit.reduce((n, r) => n + Number(r.terminals), 0),
    designCapacityTeu: unit('TEU_PER_YEAR'), designCapacityTonnes: unit('TONNES_PER_YEAR'),
    designCapacityPassengers: unit('PASSENGERS_PER_YEAR'),
    ports: Number(throughput?.ports ?? 0), throughputTeu: Number(throughput?.teu ?? 0),
    throughputTonnes: Number(throughput?.tonnes ?? 0), passengers: Number(throughput?.passengers ?? 0),
    flights: Number(throughput?.flights ?? 0),
  };
}

export async function clearanceSamples(ds: DataSource, period: string) {
  const rows = await ds.getRepository(CapacityRecordRow).find({
    where: { period, agency: 'CUSTOMS' }, order: { portCode: 'ASC' },
  });
  return rows.map((r) => ({ portCode: r.portCode, importHours: r.avgImportHours, exportHours: r.avgExportHours }));
}
