import { badInput } from '../errors';
import type { SortColumn } from './keyset';
import { decodeCursor, type Position } from './pageCursor';

/** The Relay connection arguments a list takes. */
export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/** A list's order: its name (carried in its cursors, so that one list's cursor is refused by another) and columns. */
export interface ListOrder {
  readonly list: string;
  readonly columns: readonly SortColumn[];
}

/** A checked page request: how many rows, from which end, between which positions. */
export interface PageRequest {
  readonly backward: boolean;
  readonly size: number;
  readonly after: Position | null;
  readonly before: Position | null;
}

/** Default and largest page, stated in every connection's description. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Checks a list's connection arguments: at most MAX_PAGE_SIZE rows, `first` or `last`, cursors of this list. */
export function pageRequest(args: PageArgs, order: ListOrder): PageRequest {
  if (args.first != null && args.last != null) throw badInput('last', 'pass first or last, not both');
  const backward = args.last != null;
  const size = backward ? args.last! : args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(backward ? 'last' : 'first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  const width = order.columns.length;
  return {
    backward, size,
    after: args.after != null ? decodeCursor(args.after, order.list, width, 'after') : null,
    before: args.before != null ? decodeCursor(args.before, order.list, width, 'before') : null,
  };
}
