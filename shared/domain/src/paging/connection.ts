import { compareValues, type SortColumn } from './keyset';
import { decodeCursor, encodeCursor, type Position, type SortValue } from './pageCursor';
import type { ListOrder, PageRequest } from './pageRequest';

export interface PageInfo {
  readonly hasNextPage: boolean | Promise<boolean>;
  readonly hasPreviousPage: boolean | Promise<boolean>;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/**
 * A Relay connection, as every list that can grow answers. Cursors and counts are computed when a client selects
 * them (the default resolvers read these getters), not for every page: a page of nodes costs one statement.
 */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly nodes: readonly T[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/** What lies outside a page: the total, and whether rows precede it and follow it. */
interface Extent {
  readonly totalCount: number | Promise<number>;
  readonly hasNextPage: boolean | Promise<boolean>;
  readonly hasPreviousPage: boolean | Promise<boolean>;
}

/** A connection over a page already read, with cursors made by `cursorOf` when selected. */
export function connection<T>(page: readonly T[], cursorOf: (node: T, index: number) => string, extent: Extent): Connection<T> {
  let edges: { cursor: string; node: T }[] | undefined;
  return {
    nodes: page,
    get edges() {
      edges ??= page.map((node, i) => ({ cursor: cursorOf(node, i), node }));
      return edges;
    },
    get pageInfo() {
      return {
        hasNextPage: extent.hasNextPage, hasPreviousPage: extent.hasPreviousPage,
        startCursor: page.length ? cursorOf(page[0], 0) : null,
        endCursor: page.length ? cursorOf(page[page.length - 1], page.length - 1) : null,
      };
    },
    get totalCount() {
      return extent.totalCount;
    },
  };
}

/** A connection with its counts settled: as a client that selected everything reads it. */
export async function settled<T>(page: Connection<T>): Promise<ProvincePage<T> & { nodes: readonly T[]; pageInfo: { startCursor: string | null; endCursor: string | null } }> {
  const info = page.pageInfo;
  return {
    edges: page.edges, nodes: page.nodes, totalCount: await page.totalCount,
    pageInfo: { hasNextPage: await info.hasNextPage, hasPreviousPage: await info.hasPreviousPage, startCursor: info.startCursor, endCursor: info.endCursor },
  };
}

/** The same page with each node turned into what the schema serves (cursors and counts stay lazy). */
export function mapConnection<T, U>(page: Connection<T>, toNode: (node: T) => U): Connection<U> {
  const nodes = page.nodes.map(toNode);
  return {
    nodes,
    get edges() { return page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })); },
    get pageInfo() { return page.pageInfo; },
    get totalCount() { return page.totalCount; },
  };
}

/** The total order of positions: by the columns, then by province code (records of one list in several provinces). */
export function comparePositions(a: Position, b: Position, columns: readonly SortColumn[]): number {
  return compareValues(a.values, b.values, columns) || (a.province < b.province ? -1 : a.province > b.province ? 1 : 0);
}

/** Whether `p` is strictly after (or before) `bound`, with the province as the last tie-break. */
const beyond = (p: Position, bound: Position, side: 'after' | 'before', columns: readonly SortColumn[]) => {
  const cmp = comparePositions(p, bound, columns);
  return side === 'after' ? cmp > 0 : cmp < 0;
};

/** Takes one page of `sorted` (already in order) and says whether rows lie beyond it on either side. */
function slice<T>(sorted: readonly T[], request: PageRequest, outsideCount: number) {
  const more = sorted.length > request.size;
  const page = request.backward ? sorted.slice(Math.max(0, sorted.length - request.size)) : sorted.slice(0, request.size);
  return {
    page,
    hasNextPage: request.backward ? outsideCount > 0 : more,
    hasPreviousPage: request.backward ? more : outsideCount > 0,
  };
}


/**
 * One page of a short list already in memory and in order (a port's terminals, the region's overdue milestones),
 * each item with the province that publishes it.
 */
export function listPage<T>(
  items: readonly T[], order: ListOrder, request: PageRequest, positionOf: (item: T) => { values: SortValue[]; province: string },
): Connection<T> {
  const placed = items.map((node) => ({ node, position: { list: order.list, ...positionOf(node) } }));
  const within = placed.filter(({ position }) => (!request.after || beyond(position, request.after, 'after', order.columns))
    && (!request.before || beyond(position, request.before, 'before', order.columns)));
  const start = request.backward ? request.before : request.after;
  const outside = start ? placed.length - placed.filter(({ position }) =>
    beyond(position, start, request.backward ? 'before' : 'after', order.columns)).length : 0;
  const { page, hasNextPage, hasPreviousPage } = slice(within, request, outside);
  return connection(page.map((p) => p.node), (_node, i) => encodeCursor(page[i].position), {
    totalCount: items.length, hasNextPage, hasPreviousPage,
  });
}

/** A page of one province's list as the region receives it: edges with the province's cursors. */
export interface ProvincePage<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean };
  readonly totalCount: number;
}

/**
 * Merges the same page request answered by several provinces into one page of the region's list: the provinces'
 * cursors carry their positions, so the merged order is the order every province used, with the province as the
 * last tie-break, and the cursors stay valid for the next page in every province.
 */
export function mergePages<T>(pages: readonly ProvincePage<T>[], order: ListOrder, request: PageRequest): Connection<T> {
  const merged = pages.flatMap((p) => p.edges.map((edge) => ({ edge, position: decodeCursor(edge.cursor, order.list, order.columns.length, 'cursor') })))
    .sort((a, b) => comparePositions(a.position, b.position, order.columns));
  const more = merged.length > request.size;
  const page = request.backward ? merged.slice(Math.max(0, merged.length - request.size)) : merged.slice(0, request.size);
  const anyNext = pages.some((p) => p.pageInfo.hasNextPage);
  const anyPrevious = pages.some((p) => p.pageInfo.hasPreviousPage);
  return connection(page.map((m) => m.edge.node), (_node, i) => page[i].edge.cursor, {
    hasNextPage: request.backward ? anyNext : more || anyNext,
    hasPreviousPage: request.backward ? more || anyPrevious : anyPrevious,
    totalCount: pages.reduce((n, p) => n + p.totalCount, 0),
  });
}
