import { badInput } from '../errors';

export type PortOrderField = 'CODE' | 'NAME_EN' | 'IMPORT_CLEARANCE_HOURS';
export interface PortOrder { field: PortOrderField; direction: 'ASC' | 'DESC' }
export const DEFAULT_PORT_ORDER: PortOrder = { field: 'CODE', direction: 'ASC' };

/** What a port is sorted by: the order field's value, then the code; nulls sort last either way. */
export interface PortPosition { value: string | number | null; code: string }

export interface SortablePort { code: string; nameEn: string | null; importClearanceHours: number | null }

export function positionOf(port: SortablePort, order: PortOrder): PortPosition {
  const value = order.field === 'CODE' ? port.code : order.field === 'NAME_EN' ? port.nameEn : port.importClearanceHours;
  return { value, code: port.code };
}

/** The total order every list of ports follows, in SQL (see portOrderSql) and when region merges pages. */
export function comparePositions(a: PortPosition, b: PortPosition, order: PortOrder): number {
  if (a.value === null || b.value === null) {
    if (a.value !== b.value) return a.value === null ? 1 : -1;
  } else if (a.value !== b.value) {
    const cmp = a.value < b.value ? -1 : 1;
    return order.direction === 'ASC' ? cmp : -cmp;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Opaque, stable cursor: the position of the last row seen. */
export function encodePortCursor(position: PortPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.code])).toString('base64url');
}

export function decodePortCursor(cursor: string, field = 'after'): PortPosition {
  try {
    const [value, code] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if ((typeof value === 'string' || typeof value === 'number' || value === null) && typeof code === 'string') {
      return { value, code };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'is not a cursor this service issued');
}
