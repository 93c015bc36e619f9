import type { SortValue } from './pageCursor';
import type { ListOrder } from './pageRequest';

export type PortOrderField = 'CODE' | 'NAME_EN' | 'IMPORT_CLEARANCE_HOURS';
export interface PortOrder { field: PortOrderField; direction: 'ASC' | 'DESC' }
export const DEFAULT_PORT_ORDER: PortOrder = { field: 'CODE', direction: 'ASC' };

/** What a port is sorted by, as read from its row or from a province's answer. */
export interface SortablePort { code: string; nameEn: string | null; importClearanceHours: number | null }

/**
 * The order of a list of ports: the field asked (nulls last), then the code. The same in every province and in the
 * region's merge, so that a cursor from either pages on in both.
 */
export function portListOrder(order: PortOrder = DEFAULT_PORT_ORDER): ListOrder {
  const list = `ports:${order.field}:${order.direction}`;
  if (order.field === 'CODE') return { list, columns: [{ expr: 'p.code', direction: order.direction }] };
  const expr = order.field === 'NAME_EN' ? 'p.nameEn' : 'p.importClearanceHours';
  return { list, columns: [{ expr, direction: order.direction, nullable: true }, { expr: 'p.code', direction: 'ASC' }] };
}

export function portSortValues(port: SortablePort, order: PortOrder = DEFAULT_PORT_ORDER): SortValue[] {
  if (order.field === 'CODE') return [port.code];
  return [order.field === 'NAME_EN' ? port.nameEn : port.importClearanceHours, port.code];
}

/** The audit trail and a record's history: newest first (by commit time, then outbox position). */
export const AUDIT_ORDER: ListOrder = {
  list: 'auditTrail', columns: [{ expr: 'e.at', direction: 'DESC' }, { expr: 'e.id', direction: 'DESC' }],
};

const byId = (list: string, alias: string): ListOrder => ({ list, columns: [{ expr: `${alias}.id`, direction: 'ASC' }] });

/** Lists sorted by their records' ids: the order of a province's lists and of the region's merged ones. */
export const LIST_ORDERS = {
  terminals: byId('terminals', 't'),
  routes: byId('routes', 'r'),
  initiatives: byId('initiatives', 'i'),
  commitments: byId('commitments', 'c'),
  capacityRecords: byId('capacityRecords', 'c'),
} as const;
