import { ENTITY_KINDS, type EntityKind } from '../model/enums';

/**
 * The extension in which a subgraph's answer to a query names the records it was read from, per province: the kinds
 * of record (`{ "recordsRead": { "ZHEJIANG": ["Port", "CapacityRecord"], "SHANGHAI": ["Commitment"] } }`), or
 * ANY_KIND where it cannot tell. A cache may keep the answer until a change to one of them; an answer without it may
 * depend on anything.
 */
export const RECORDS_READ_EXTENSION = 'recordsRead';
/** Any kind of a province's records (an answer read from its audit trail, or from a table no kind names). */
export const ANY_KIND = '*';
export type KindRead = EntityKind | typeof ANY_KIND;

/** Per province, the kinds of record read. */
export type RecordsRead = Map<string, Set<KindRead>>;

const ENTITY_KIND_SET: ReadonlySet<string> = new Set<string>(ENTITY_KINDS);
const KINDS: ReadonlySet<string> = new Set<string>([...ENTITY_KINDS, ANY_KIND]);
/** More provinces than a region has is not an answer of ours. */
const MAX_PROVINCES = 64;

/** Notes that `kinds` of `province`'s records were read. */
export function noteRecordsRead(into: RecordsRead, province: string, kinds: Iterable<KindRead>): void {
  const noted = into.get(province) ?? new Set<KindRead>();
  for (const kind of kinds) noted.add(kind);
  into.set(province, noted);
}

/**
 * Adds what an answer's extensions say it read to `into`; false when they say nothing usable (no extension, or one
 * not of this shape), and then what the answer read is unknown.
 */
export function addRecordsRead(into: RecordsRead, extensions: Record<string, unknown> | undefined): boolean {
  const named = extensions?.[RECORDS_READ_EXTENSION];
  if (!named || typeof named !== 'object' || Array.isArray(named)) return false;
  const entries = Object.entries(named as Record<string, unknown>);
  if (entries.length > MAX_PROVINCES) return false;
  for (const [, kinds] of entries) {
    if (!Array.isArray(kinds) || kinds.length > KINDS.size || !kinds.every((k) => typeof k === 'string' && KINDS.has(k))) return false;
  }
  for (const [province, kinds] of entries) noteRecordsRead(into, province, kinds as KindRead[]);
  return true;
}

/** The extension's value for what was read. */
export const recordsReadExtension = (read: RecordsRead): Record<string, KindRead[]> =>
  Object.fromEntries([...read].map(([province, kinds]) => [province, [...kinds].sort()]));

/**
 * The extension in which a province's answer to a write names its changes, each by its feed position and its kind of
 * record (`{ "changePositions": { "ZHEJIANG": [{ "position": 1042, "entity": "CapacityRecord" }] } }`): the gateway
 * has voided what they change by the time its answer returns, and need not again when they come back through the feed.
 */
export const CHANGE_POSITIONS_EXTENSION = 'changePositions';

/** One change a write made: where it stands in its province's feed, and the kind of record it changed. */
export interface WrittenChange {
  readonly position: number;
  readonly entity: EntityKind;
}

/** The changes a write's answer names for `province`; null where it names none in this shape. */
export function writtenChanges(extensions: Record<string, unknown> | undefined, province: string): WrittenChange[] | null {
  const named = (extensions?.[CHANGE_POSITIONS_EXTENSION] as Record<string, unknown> | undefined)?.[province];
  if (!Array.isArray(named) || named.length > 100) return null;
  const changes = named.filter((c): c is WrittenChange => !!c && typeof c === 'object'
    && Number.isSafeInteger((c as { position?: unknown }).position) && ENTITY_KIND_SET.has((c as { entity?: unknown }).entity as string));
  return changes.length === named.length ? changes : null;
}
