import { badInput } from '../errors';

/** A value a list is sorted by. */
export type SortValue = string | number | null;

/**
 * Where a row stands in a list's total order: the values it is sorted by and the province that publishes it (the
 * last tie-break, so that pages from several provinces merge into one order).
 */
export interface Position {
  readonly list: string;
  readonly values: readonly SortValue[];
  readonly province: string;
}

/** Longest cursor accepted, checked before decoding: a cursor is a caller's input. */
export const MAX_CURSOR_LENGTH = 600;
const MAX_VALUE_LENGTH = 200;

/** An opaque, URL-safe cursor. The same cursor is valid in a province's list and in the region's merged list. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.list, position.province, ...position.values])).toString('base64url');
}

const isSortValue = (v: unknown): v is SortValue => v === null
  || (typeof v === 'number' && Number.isFinite(v))
  || (typeof v === 'string' && v.length <= MAX_VALUE_LENGTH);

/**
 * Decodes a cursor of the list `list` sorted by `width` values; anything else (another list's cursor, a made-up
 * one, a number that is not finite) is BAD_USER_INPUT naming the argument.
 */
export function decodeCursor(cursor: string, list: string, width: number, field: string): Position {
  const refuse = (why: string) => badInput(field, why);
  if (cursor.length > MAX_CURSOR_LENGTH) throw refuse('is not a cursor this service issued (too long)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('is not a cursor this service issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== width + 2) throw refuse('is not a cursor this service issued');
  const [tag, province, ...values] = parsed as unknown[];
  if (tag !== list) throw refuse('is a cursor of another list or order: use a cursor from this list');
  if (typeof province !== 'string' || !/^[A-Z][A-Z_]{0,39}$/.test(province) || !values.every(isSortValue)) {
    throw refuse('is not a cursor this service issued');
  }
  return { list, province, values: values as SortValue[] };
}
