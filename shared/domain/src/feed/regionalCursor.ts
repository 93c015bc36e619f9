import { z } from 'zod';
import { badInput } from '../errors';

/** Where a regional subscription stands: the position of the last event delivered from each province's feed. */
export type Positions = Readonly<Record<string, number>>;

const positions = z.record(z.string(), z.number().int().nonnegative());

/** An opaque, URL-safe cursor: the region keeps no state, the cursor carries every province's position. */
export function encodeRegionalCursor(at: Positions): string {
  return Buffer.from(JSON.stringify(at)).toString('base64url');
}

export function decodeRegionalCursor(cursor: string, provinces: readonly string[]): Positions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', 'is not a cursor of this feed: pass the cursor of the last event received');
  }
  const result = positions.safeParse(parsed);
  if (!result.success) throw badInput('after', 'is not a cursor of this feed: pass the cursor of the last event received');
  const unknown = Object.keys(result.data).find((p) => !provinces.includes(p));
  if (unknown) throw badInput('after', `names ${unknown}, which is not a province of this region`);
  return result.data;
}

/** Cursors longer than this are not read here (and the region refuses them as it refuses any bad cursor). */
const MAX_CANONICAL_CURSOR = 4096;

/** The positions a cursor holds; null for anything that is not a cursor (or too long to be one). */
function positionsIn(cursor: string): Positions | null {
  if (cursor.length > MAX_CANONICAL_CURSOR) return null;
  try {
    const result = positions.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * One spelling per position: the same positions in any key order or white space give the same string, so that
 * subscribers resuming from the same place share one stream. Anything that is not a cursor is returned unchanged.
 */
export function canonicalRegionalCursor(cursor: string): string {
  const at = positionsIn(cursor);
  return at ? encodeRegionalCursor(Object.fromEntries(Object.entries(at).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))) : cursor;
}

/** The position of `province` in a regional cursor; null where the cursor is not one or does not name it. */
export function positionIn(cursor: string, province: string): number | null {
  return positionsIn(cursor)?.[province] ?? null;
}
