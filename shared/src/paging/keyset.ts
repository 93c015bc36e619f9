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

/** SQL `ORDER BY` terms for the columns, forward or reversed. */
export function orderTerms(columns: readonly SortColumn[], reversed: boolean): [string, 'ASC' | 'DESC'][] {
  const flip = (d: 'ASC' | 'DESC') => (reversed ? (d === 'ASC' ? 'DESC' : 'ASC') : d);
  return columns.flatMap((c): [string, 'ASC' | 'DESC'][] => [
    ...(c.nullable ? [[`CASE WHEN ${c.expr} IS NULL THEN 1 ELSE 0 END`, flip('ASC')] as [string, 'ASC' | 'DESC']] : []),
    [c.expr, flip(c.direction)],
  ]);
}

/**
 * A SQL condition for the rows strictly after (or before) `values` in the columns' order; `equalPasses` says whether
 * a row with exactly these values passes (it does when the position's province comes earlier in the tie-break).
 * Parameters are named with `prefix`.
 */
export function beyondCondition(
  columns: readonly SortColumn[], values: readonly SortValue[], side: 'after' | 'before', equalPasses: boolean, prefix: string,
): { sql: string; params: Record<string, SortValue> } {
  const params: Record<string, SortValue> = {};
  const build = (i: number): string => {
    if (i === columns.length) return equalPasses ? '1 = 1' : '1 = 0';
    const { expr: c, direction, nullable } = columns[i];
    const v = values[i];
    const rest = build(i + 1);
    const name = `${prefix}${i}`;
    const op = (side === 'after') === (direction === 'ASC') ? '>' : '<';
    if (v === null) {
      // Nulls come last: after a null, only nulls; before it, every non-null.
      return side === 'after' ? `(${c} IS NULL AND ${rest})` : `(${c} IS NOT NULL OR (${c} IS NULL AND ${rest}))`;
    }
    params[name] = v;
    const beyond = `(${c} ${op} :${name} OR (${c} = :${name} AND ${rest}))`;
    if (!nullable) return beyond;
    return side === 'after' ? `(${c} IS NULL OR ${beyond})` : `(${c} IS NOT NULL AND ${beyond})`;
  };
  return { sql: build(0), params };
}
