import { ENTITY_KINDS, type EntityKind } from '../model/enums';

/**
 * The extension in which a subgraph's answer to a query names the records it was read from, per province: the kinds
 * of record, each whole or only its records of some ports or months (`Port@CNNGB`, `CapacityRecord@2026-10`):
 * `{ "recordsRead": { "ZHEJIANG": ["Route", "Port@CNNGB", "CapacityRecord@CNNGB"], "SHANGHAI": ["Commitment"] } }`,
 * or ANY_KIND where it cannot tell. A cache may keep the answer until a change to one of them; an answer without it
 * may depend on anything.
 */
export const RECORDS_READ_EXTENSION = 'recordsRead';
/** Any kind of a province's records (an answer read from its audit trail, or from a table no kind names). */
export const ANY_KIND = '*';
export type KindRead = EntityKind | typeof ANY_KIND;
/** A kind read whole, or only its records of one key: a port (`CapacityRecord@CNNGB`) or a month (`CapacityRecord@2026-10`). */
export type RecordRead = KindRead | `${EntityKind}@${string}`;

/** Per province, the records read. */
export type RecordsRead = Map<string, Set<RecordRead>>;

const ENTITY_KIND_SET: ReadonlySet<string> = new Set<string>(ENTITY_KINDS);
const KINDS: ReadonlySet<string> = new Set<string>([...ENTITY_KINDS, ANY_KIND]);
/** More provinces than a region has is not an answer of ours. */
const MAX_PROVINCES = 64;
/** Beyond this many keys of one kind an answer names the kind whole: its size stays small. */
export const MAX_KEYS_READ = 32;
const MAX_RECORDS_READ = KINDS.size * (MAX_KEYS_READ + 1);
/**
 * A key records are read and changed by: a port's code (UN/LOCODE, IATA) or a month (YYYY-MM). The two never look
 * alike, and neither has room for a separator.
 */
const PORT = '[A-Z0-9]{2,10}';
const MONTH = '\\d{4}-\\d{2}';
const RECORD_KEY = new RegExp(`^(?:${PORT}|${MONTH})$`);
const PORT_CODE = new RegExp(`^${PORT}$`);
/** A capacity record's key, as its writer makes it: `<port>:<agency>:<period>`. */
const CAPACITY_RECORD_KEY = new RegExp(`^(${PORT}):[A-Z_]+:(${MONTH})$`);

/** Notes that `records` of `province` were read. */
export function noteRecordsRead(into: RecordsRead, province: string, records: Iterable<RecordRead>): void {
  const noted = into.get(province) ?? new Set<RecordRead>();
  for (const record of records) noted.add(record);
  into.set(province, noted);
}

/** `kind`'s records of `key` (a port or a month), as an answer names them. */
export const keyedRecordsRead = (kind: EntityKind, key: string): RecordRead => `${kind}@${key}`;

/** A record read as a kind (whole, or ANY_KIND) and, where only the records of one key were read, that key. */
export function parseRecordRead(read: string): { kind: KindRead; key: string | null } | null {
  const at = read.indexOf('@');
  if (at < 0) return KINDS.has(read) ? { kind: read as KindRead, key: null } : null;
  const [kind, key] = [read.slice(0, at), read.slice(at + 1)];
  return ENTITY_KIND_SET.has(kind) && RECORD_KEY.test(key) ? { kind: kind as EntityKind, key } : null;
}

/**
 * The keys of the records a change of `entity` keyed `id` changed, where its key tells: a port's own code; a
 * capacity record's port and month (`<port>:<agency>:<period>`). Null where the change may touch records of any key
 * of its kind. A cache voids what was read of those keys only, so a writer of these kinds must change no other
 * port's rows, and a capacity record no other month's.
 */
export function keysOfChange(entity: EntityKind, id: string): string[] | null {
  if (entity === 'Port') return PORT_CODE.test(id) ? [id] : null;
  const capacity = entity === 'CapacityRecord' ? CAPACITY_RECORD_KEY.exec(id) : null;
  return capacity ? [capacity[1], capacity[2]] : null;
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
  for (const [, records] of entries) {
    if (!Array.isArray(records) || records.length > MAX_RECORDS_READ
      || !records.every((r) => typeof r === 'string' && parseRecordRead(r) !== null)) return false;
  }
  for (const [province, records] of entries) noteRecordsRead(into, province, records as RecordRead[]);
  return true;
}

/**
 * The extension's value for what was read: a kind read whole covers its keys', and a kind read by more than
 * MAX_KEYS_READ keys is named whole.
 */
export function recordsReadExtension(read: RecordsRead): Record<string, RecordRead[]> {
  return Object.fromEntries([...read].map(([province, records]) => {
    const whole = new Set<KindRead>();
    const keyed = new Map<KindRead, RecordRead[]>();
    for (const record of records) {
      const parsed = parseRecordRead(record);
      if (!parsed) continue;
      if (parsed.key === null) whole.add(parsed.kind);
      else if (keyed.has(parsed.kind)) keyed.get(parsed.kind)?.push(record);
      else keyed.set(parsed.kind, [record]);
    }
    for (const [kind, named] of keyed) if (named.length > MAX_KEYS_READ) whole.add(kind);
    const named: RecordRead[] = whole.has(ANY_KIND) ? [ANY_KIND]
      : [...whole, ...[...keyed].filter(([kind]) => !whole.has(kind)).flatMap(([, byKey]) => byKey)];
    return [province, named.sort()];
  }));
}

/**
 * The extension in which a province's answer to a write names its changes, each by its feed position, its kind of
 * record and the record's key (`{ "changePositions": { "ZHEJIANG": [{ "position": 1042, "entity": "CapacityRecord",
 * "id": "CNNGB:CUSTOMS:2026-10" }] } }`): the gateway has voided what they change by the time its answer returns, and
 * need not again when they come back through the feed.
 */
export const CHANGE_POSITIONS_EXTENSION = 'changePositions';

/** One change a write made: where it stands in its province's feed, the kind of record it changed and its key. */
export interface WrittenChange {
  readonly position: number;
  readonly entity: EntityKind;
  readonly id: string;
}

/** Longer record keys are none of ours. */
const MAX_RECORD_KEY = 200;

/** The changes a write's answer names for `province`; null where it names none in this shape. */
export function writtenChanges(extensions: Record<string, unknown> | undefined, province: string): WrittenChange[] | null {
  const named = (extensions?.[CHANGE_POSITIONS_EXTENSION] as Record<string, unknown> | undefined)?.[province];
  if (!Array.isArray(named) || named.length > 100) return null;
  const changes = named.filter((c): c is WrittenChange => !!c && typeof c === 'object'
    && Number.isSafeInteger((c as { position?: unknown }).position) && ENTITY_KIND_SET.has((c as { entity?: unknown }).entity as string)
    && typeof (c as { id?: unknown }).id === 'string' && (c as { id: string }).id.length <= MAX_RECORD_KEY);
  return changes.length === named.length ? changes : null;
}

/**
 * The extension in which a province's answer to a query says that nothing in answering it used who asked (neither
 * the caller's actor nor its token): every caller the province admits gets the same answer, so the gateway may keep
 * and share it across readers of every scope. Absent, an answer is kept for its reader's scope only.
 */
export const SAME_FOR_EVERY_READER_EXTENSION = 'sameForEveryReader';

/** Whether an answer's extensions say it is the same for every reader (only `true` does). */
export const sameForEveryReader = (extensions: Record<string, unknown> | undefined): boolean =>
  extensions?.[SAME_FOR_EVERY_READER_EXTENSION] === true;
