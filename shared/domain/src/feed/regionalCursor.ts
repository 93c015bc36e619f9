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
