import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  connection, encodeCursor, type Connection, type ListOrder, type PageRequest, type Position, type SortColumn, type SortValue,
} from '@yrd/domain';

/** SQL `ORDER BY` terms for the columns, forward or reversed. */
function orderTerms(columns: readonly SortColumn[], reversed: boolean): [string, 'ASC' | 'DESC'][] {
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
function beyondCondition(
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

/**
 * One page of a province's rows read with SQL: keyset conditions from the cursors (never OFFSET), one statement for
 * the page and one for the total and what lies before it. `province` is this province: a cursor issued by another
 * province (the region's merged list) places the rows with equal values by province code.
 */
export async function sqlPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>, order: ListOrder, request: PageRequest, province: string, read: (row: T) => SortValue[],
): Promise<Connection<T>> {
  const { columns, list } = order;
  const bound = (position: Position | null, side: 'after' | 'before') => position && beyondCondition(
    columns, position.values, side, side === 'after' ? province > position.province : province < position.province, `${side}_`);
  const after = bound(request.after, 'after');
  const before = bound(request.before, 'before');
  // Rows on the far side of the page's starting cursor: they make hasPreviousPage (or, backward, hasNextPage).
  const start = request.backward ? before : after;
  const countQuery = qb.clone();
  let counts: Promise<{ total: number; outside: number }> | undefined;
  const count = () => {
    counts ??= countQuery.select('COUNT(*)', 'total')
      .addSelect(start ? `SUM(CASE WHEN ${start.sql} THEN 0 ELSE 1 END)` : '0', 'outside')
      .setParameters(start?.params ?? {})
      .getRawOne<{ total: number | string; outside: number | string | null }>()
      .then((c) => ({ total: Number(c?.total ?? 0), outside: Number(c?.outside ?? 0) }));
    return counts;
  };
  if (after) qb.andWhere(after.sql, after.params);
  if (before) qb.andWhere(before.sql, before.params);
  orderTerms(columns, request.backward).forEach(([expr, direction], i) => {
    if (i === 0) qb.orderBy(expr, direction);
    else qb.addOrderBy(expr, direction);
  });
  const rows = await qb.limit(request.size + 1).getMany();
  const sorted = request.backward ? rows.slice(0, request.size + 1).reverse() : rows;
  const more = sorted.length > request.size;
  const page = request.backward ? sorted.slice(Math.max(0, sorted.length - request.size)) : sorted.slice(0, request.size);
  const outside = () => count().then((c) => c.outside > 0);
  return connection(page, (node) => encodeCursor({ list, province, values: read(node) }), {
    get totalCount() { return count().then((c) => c.total); },
    get hasNextPage() { return request.backward ? outside() : more; },
    get hasPreviousPage() { return request.backward ? more : outside(); },
  });
}
