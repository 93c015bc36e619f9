import { type DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  CapacityRecordRow, ChangeEventRow, CommitmentRow, InitiativeRow, MilestoneRow, PortRow, RouteRow, TerminalCargoClassRow, TerminalRow,
} from '../db';
import {
  AUDIT_ORDER, DEFAULT_PORT_ORDER, LIST_ORDERS, badInput, instant, isoDate, mapConnection, pageRequest, parseInput, period,
  portListOrder, portSortValues, type PageArgs, type PortOrder,
} from '@yrd/domain';
import { sqlPage } from './sqlPage';
import type { FieldChange } from './writes/WriteRunner';

export interface ProvincePortFilter {
  portCodes?: string[] | null;
  kinds?: string[] | null;
  openingStatuses?: string[] | null;
  clearance24x7?: boolean | null;
  eportConnections?: string[] | null;
  cargoClass?: string | null;
  maxImportClearanceHours?: number | null;
  includeRetired?: boolean | null;
}

/** The most values one filter list may name, as the schema states. */
export const MAX_FILTER_VALUES = 500;

/** `column IN (values)` when a list is given; an empty list matches nothing; null or absent filters nothing. */
function whereIn<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>, column: string, values: readonly string[] | null | undefined, field: string,
) {
  if (!Array.isArray(values)) return;
  // A caller's list becomes SQL parameters: bounded before it reaches the database (SQLite refuses 32,767 and more).
  if (values.length > MAX_FILTER_VALUES) throw badInput(`filter.${field}`, `must name at most ${MAX_FILTER_VALUES} values`);
  const param = column.replace(/\W/g, '_');
  qb.andWhere(values.length ? `${column} IN (:...${param})` : '1 = 0', { [param]: values });
}

function filteredPorts(ds: DataSource, filter: ProvincePortFilter = {}): SelectQueryBuilder<PortRow> {
  const qb = ds.getRepository(PortRow).createQueryBuilder('p');
  if (!filter.includeRetired) qb.andWhere('p.retiredOn IS NULL');
  whereIn(qb, 'p.code', filter.portCodes, 'portCodes');
  whereIn(qb, 'p.kind', filter.kinds, 'kinds');
  whereIn(qb, 'p.openingStatus', filter.openingStatuses, 'openingStatuses');
  whereIn(qb, 'p.eportConnection', filter.eportConnections, 'eportConnections');
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

type ListArgs<F> = PageArgs & { filter?: F | null };

/** One page of a province's ports in the order asked (listOrders.ts), between keyset cursors. */
export function listPorts(ds: DataSource, province: string, args: ListArgs<ProvincePortFilter> & { orderBy?: PortOrder | null }) {
  const order = args.orderBy ?? DEFAULT_PORT_ORDER;
  const listOrder = portListOrder(order);
  const qb = filteredPorts(ds, args.filter ?? {});
  // Ordered by clearance hours, the cursors carry them.
  if (order.field === 'IMPORT_CLEARANCE_HOURS') qb.addSelect('p.importClearanceHours');
  return sqlPage(qb, listOrder, pageRequest(args, listOrder), province, (p) => portSortValues(p, order));
}

/** One page of a list sorted by id. */
const pageById = <T extends { id: string }>(qb: SelectQueryBuilder<T>, list: keyof typeof LIST_ORDERS, args: PageArgs, province: string) =>
  sqlPage(qb, LIST_ORDERS[list], pageRequest(args, LIST_ORDERS[list]), province, (row) => [row.id]);

export function listTerminals(
  ds: DataSource, province: string,
  args: ListArgs<{ portCodes?: string[] | null; stages?: string[] | null; cargoClass?: string | null; includeRetired?: boolean | null }>,
) {
  const filter = args.filter ?? {};
  const qb = ds.getRepository(TerminalRow).createQueryBuilder('t');
  if (!filter.includeRetired) qb.andWhere('t.retiredOn IS NULL');
  whereIn(qb, 't.portCode', filter.portCodes, 'portCodes');
  whereIn(qb, 't.stage', filter.stages, 'stages');
  if (filter.cargoClass) {
    qb.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(TerminalCargoClassRow, 'tc')
      .where('tc.terminalId = t.id AND tc.cargoClass = :cargo').getQuery()}`, { cargo: filter.cargoClass });
  }
  return pageById(qb, 'terminals', args, province);
}

export function listRoutes(
  ds: DataSource, province: string,
  args: ListArgs<{ modes?: string[] | null; statuses?: string[] | null; originPortCodes?: string[] | null; destinationPortCodes?: string[] | null }>,
) {
  const filter = args.filter ?? {};
  const qb = ds.getRepository(RouteRow).createQueryBuilder('r');
  whereIn(qb, 'r.mode', filter.modes, 'modes');
  whereIn(qb, 'r.status', filter.statuses, 'statuses');
  whereIn(qb, 'r.originPortCode', filter.originPortCodes, 'originPortCodes');
  whereIn(qb, 'r.destinationPortCode', filter.destinationPortCodes, 'destinationPortCodes');
  return pageById(qb, 'routes', args, province);
}

export function listInitiatives(
  ds: DataSource, province: string,
  args: ListArgs<{ statuses?: string[] | null; partner?: string | null; overdueAsOf?: string | null }>,
) {
  const filter = args.filter ?? {};
  const qb = ds.getRepository(InitiativeRow).createQueryBuilder('i');
  whereIn(qb, 'i.status', filter.statuses, 'statuses');
  if (filter.partner) {
    // partners is a comma-separated list: match a whole code only.
    qb.andWhere("CONCAT(',', i.partners, ',') LIKE :partner", { partner: `%,${filter.partner},%` });
  }
  if (filter.overdueAsOf) {
    const asOf = parseInput(isoDate, filter.overdueAsOf, 'filter.overdueAsOf');
    qb.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(MilestoneRow, 'm')
      .where('m.initiativeId = i.id AND m.doneOn IS NULL AND m.due < :asOf').getQuery()}`, { asOf });
  }
  return pageById(qb, 'initiatives', args, province);
}

export function listCommitments(
  ds: DataSource, province: string,
  args: ListArgs<{ initiativeIds?: string[] | null; leads?: string[] | null; statuses?: string[] | null }>,
) {
  const filter = args.filter ?? {};
  const qb = ds.getRepository(CommitmentRow).createQueryBuilder('c');
  whereIn(qb, 'c.initiativeId', filter.initiativeIds, 'initiativeIds');
  whereIn(qb, 'c.leadProvince', filter.leads, 'leads');
  whereIn(qb, 'c.status', filter.statuses, 'statuses');
  return pageById(qb, 'commitments', args, province);
}

export function listCapacityRecords(
  ds: DataSource, province: string,
  args: ListArgs<{ portCodes?: string[] | null; agencies?: string[] | null; from?: string | null; to?: string | null }>,
) {
  const filter = args.filter ?? {};
  const qb = ds.getRepository(CapacityRecordRow).createQueryBuilder('c');
  whereIn(qb, 'c.portCode', filter.portCodes, 'portCodes');
  whereIn(qb, 'c.agency', filter.agencies, 'agencies');
  if (filter.from) qb.andWhere('c.period >= :from', { from: parseInput(period, filter.from, 'filter.from') });
  if (filter.to) qb.andWhere('c.period <= :to', { to: parseInput(period, filter.to, 'filter.to') });
  return pageById(qb, 'capacityRecords', args, province);
}

/** A change as the audit trail serves it (the AuditEntry type). */
export interface AuditEntry {
  id: string; province: string; entity: string; recordId: string; kind: string; at: string; actor: string;
  changes: FieldChange[];
}

/** An outbox row as an audit entry; events written before values were kept name their fields only. */
export function auditEntry(row: ChangeEventRow): AuditEntry {
  const changes = row.fieldChanges ? JSON.parse(row.fieldChanges) as FieldChange[]
    : (JSON.parse(row.changedFields) as string[]).map((field) => ({ field, oldValue: null, newValue: null }));
  return {
    id: `${row.province}:${row.id}`, province: row.province, entity: row.entity, recordId: row.entityId, kind: row.kind,
    at: row.at, actor: row.actor, changes,
  };
}

/** One page of the province's audit trail, newest first, filtered by kind, record, actor and time. */
export async function listHistory(
  ds: DataSource, province: string,
  args: ListArgs<{ entities?: string[] | null; recordIds?: string[] | null; actors?: string[] | null; from?: string | null; to?: string | null }>,
) {
  const filter = args.filter ?? {};
  const qb = ds.getRepository(ChangeEventRow).createQueryBuilder('e');
  whereIn(qb, 'e.entity', filter.entities, 'entities');
  whereIn(qb, 'e.entityId', filter.recordIds, 'recordIds');
  whereIn(qb, 'e.actor', filter.actors, 'actors');
  if (filter.from) qb.andWhere('e.at >= :from', { from: parseInput(instant, filter.from, 'filter.from') });
  if (filter.to) qb.andWhere('e.at <= :to', { to: parseInput(instant, filter.to, 'filter.to') });
  const page = await sqlPage(qb, AUDIT_ORDER, pageRequest(args, AUDIT_ORDER), province, (e) => [e.at, e.id]);
  return mapConnection(page, auditEntry);
}
