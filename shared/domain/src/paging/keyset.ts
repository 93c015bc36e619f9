import type { SortValue } from './pageCursor';

/** One column of a list's order. A nullable column sorts its nulls last in either direction. */
export interface SortColumn {
  /** The SQL expression (for lists read from the database). */
  readonly expr: string;
  readonly direction: 'ASC' | 'DESC';
  readonly nullable?: boolean;
}

/** -1, 0 or 1: how two rows' sort values compare in the order the columns give (nulls last). */
export function compareValues(a: readonly SortValue[], b: readonly SortValue[], columns: readonly SortColumn[]): number {
  for (const [i, column] of columns.entries()) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const cmp = x < y ? -1 : 1;
    return column.direction === 'ASC' ? cmp : -cmp;
  }
  return 0;
}
