import { hash } from 'node:crypto';
import { ANY_KIND, keysOfChange, type EntityKind, type KindRead, type WrittenChange } from '@yrd/domain';

/**
 * What a cached answer depends on: one kind of one province's records (ANY_KIND for any of them), or only its records
 * of one key (a port, a month), or every record of every province (an answer that does not say what it was read from).
 */
export type Dependency = { readonly province: string; readonly kind: KindRead; readonly key?: string } | 'every province';

/** One record a change touched: its kind, and the keys (its port, its month) it is found by, where known (null: any). */
export interface ChangedRecord {
  readonly entity: string;
  readonly keys: readonly string[] | null;
}

/**
 * What an answer depends on, and the change it was fetched after (the cache's change sequence when its fetch
 * started): it stands while none of them changed since.
 */
export interface Stamped {
  readonly dependencies: readonly Dependency[];
  readonly since: number;
}

/** A kept answer, and what it stands on. */
export interface Kept {
  readonly value: unknown;
  readonly stamps: readonly Stamped[];
}

export interface FetchCacheOptions {
  /** The most the answers and their keys may take, in bytes (UTF-16, as the heap holds them). */
  readonly maxBytes: number;
  /** Larger answers are not kept (one would push out hundreds of others). Default maxBytes / 64. */
  readonly maxEntryBytes?: number;
}

export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * The gateway's fetch cache setting: false for off, else its bound and the reader's token the gateway follows the
 * change feed with (default one it issues itself, as a read-only analyst, where its key can sign).
 */
export type FetchCacheSettings = false | { readonly maxBytes?: number; readonly feedToken?: () => Promise<string> };

interface Entry {
  /** A subgraph's answer as text, or a whole answer's data. */
  readonly value: unknown;
  readonly stamps: readonly Stamped[];
  readonly bytes: number;
  /** The change sequence at which it was last found standing. */
  standsAt: number;
}

/** Counts since start, for /metrics and the benchmark. */
export interface FetchCacheCounts {
  hits: number;
  misses: number;
  stored: number;
  /** Answers not kept: a change came while they were fetched, or the cache was not following the feed. */
  discarded: number;
  evicted: number;
  invalidations: number;
  /** Changes from the feed that were this gateway's own writes, voided already when their answers came. */
  echoes: number;
  /** Of the hits, whole answers: requests answered without planning or fetching anything. */
  wholeAnswerHits: number;
}

/** Changes of this gateway's own writes whose echo through the feed is awaited, per province; the oldest forgotten beyond. */
const MAX_AWAITED_ECHOES = 1024;

/** Per entry beyond its text and key: the Map slot, the entry object, its stamp. */
const ENTRY_OVERHEAD_BYTES = 160;
/** The last changes kept per province, kind and key; beyond, every answer kept so far is void and they start afresh. */
const MAX_CHANGES_NOTED = 100_000;

/**
 * Subgraph answers by request and reader, valid until a change they depend on. Nothing is ever deleted on a change:
 * every change (from the change feed, or at once from a write through this gateway) takes the next number of one
 * sequence, noted against its province and kind of record; an answer is stamped with the number when its fetch
 * started and served only while nothing it depends on changed after it. So an answer fetched across a change is
 * never kept. Bounded in bytes, least recently used first out.
 */
export class FetchCache {
  private readonly entries = new Map<string, Entry>();
  /** The change sequence: the number of the last change (or restart) heard. */
  private sequence = 0;
  /** Answers fetched before this are void: the cache stopped or started following the feed. */
  private voidBefore = 0;
  private lastChange = 0;
  /**
   * The last change per `province\nkind` (of any key), `province\nkind\nkey`, `province\nkind\n*` (of keys not
   * known), per `province\n*` (any kind) and per `province` (one that voided every kind at once: a write whose changes
   * are unknown, a province out of reach and back).
   */
  private readonly lastChanges = new Map<string, number>();
  private following = false;
  /** Provinces (and the region) the gateway cannot reach now: their changes may not reach it either. */
  private readonly away = new Set<string>();
  /**
   * Per province, the feed positions (ascending) of changes this gateway's writes made and voided already, until the
   * feed brings them. The feed brings a province's changes in order, so one it has passed never comes: it is dropped,
   * and a position can never be matched by another change of the same number after the province's feed began anew.
   */
  private readonly awaitedEchoes = new Map<string, number[]>();
  /**
   * Per province, the feed positions heard lately (the oldest forgotten beyond MAX_AWAITED_ECHOES) and the change
   * number each took: a write's answer coming after the feed brought its change voids nothing more.
   */
  private readonly heardLately = new Map<string, Map<number, number>>();
  private readonly maxEntryBytes: number;
  private bytes = 0;
  readonly counts: FetchCacheCounts = { hits: 0, misses: 0, stored: 0, discarded: 0, evicted: 0, invalidations: 0, echoes: 0, wholeAnswerHits: 0 };

  constructor(private readonly options: FetchCacheOptions) {
    this.maxEntryBytes = options.maxEntryBytes ?? Math.floor(options.maxBytes / 64);
  }

  /** The bytes held now. */
  get size(): number {
    return this.bytes;
  }

  get entryCount(): number {
    return this.entries.size;
  }

  /** Whether answers are served and kept: only while every change reaches the cache (the feed is followed). */
  get serving(): boolean {
    return this.following;
  }

  /**
   * Whether `name` (a province, or 'region') answers now. While one does not, what depends on it is neither served
   * nor kept: a province cut off may still change (through another way in) without the feed saying so, and without
   * the region no change is heard at all. Coming back it starts afresh.
   */
  reachable(name: string, up: boolean): void {
    if (up === !this.away.has(name)) return;
    if (up) this.away.delete(name);
    else this.away.add(name);
    if (name === 'region') this.voidAll();
    else this.changed(name);
  }

  /** Whether an answer depending on `dependency` may be served or kept now. */
  private usable(dependency: Dependency): boolean {
    return dependency === 'every province' ? this.away.size === 0 : !this.away.has(dependency.province);
  }

  /** The feed is followed from now (true), or no longer (false): either way what was kept is void. */
  follow(following: boolean): void {
    this.following = following;
    this.voidBefore = ++this.sequence;
    // Followed afresh from the feed's head: what was awaited may never come, and positions heard before are not known.
    this.awaitedEchoes.clear();
    this.heardLately.clear();
  }

  /** Everything kept so far is void (a write to the region, the region out of reach and back). */
  voidAll(): void {
    this.voidBefore = ++this.sequence;
    this.counts.invalidations++;
  }

  /**
   * A change to these records of `province` (null: of any kind, or unknown): answers that depend on them are void.
   * `ownPositions` are the feed positions of the changes when a write through this gateway made them: the feed
   * bringing them back voids nothing more.
   */
  changed(province: string, records: readonly ChangedRecord[] | null = null, ownPositions: readonly number[] = []): void {
    if (this.lastChanges.size > MAX_CHANGES_NOTED) {
      this.lastChanges.clear();
      this.voidBefore = this.sequence + 1;
    }
    const change = ++this.sequence;
    this.lastChange = change;
    this.lastChanges.set(`${province}\n${ANY_KIND}`, change);
    if (records === null) this.lastChanges.set(province, change);
    else {
      for (const { entity, keys } of records) {
        this.lastChanges.set(`${province}\n${entity}`, change);
        for (const key of keys ?? [ANY_KIND]) this.lastChanges.set(`${province}\n${entity}\n${key}`, change);
      }
    }
    this.counts.invalidations++;
    if (!ownPositions.length) return;
    const awaited = this.awaitedEchoes.get(province) ?? [];
    // Answers to concurrent writes may come in any order.
    awaited.push(...ownPositions);
    awaited.sort((a, b) => a - b);
    // Forgetting one costs an answer voided twice, never a stale one.
    if (awaited.length > MAX_AWAITED_ECHOES) awaited.splice(0, awaited.length - MAX_AWAITED_ECHOES);
    this.awaitedEchoes.set(province, awaited);
  }

  /**
   * A change the feed brings, of a record of `kind` keyed `id` (null if unknown) at `position` in its province's feed
   * (null if unknown): void what depends on it, unless it is a write of this gateway's, voided when its answer came.
   * Answers kept since then were fetched after that write had committed, so they hold it; a change arriving before
   * its write's answer is voided twice.
   */
  heard(province: string, kind: EntityKind | null, position: number | null, id: string | null = null): void {
    const awaited = this.awaitedEchoes.get(province);
    if (position !== null && awaited) {
      while (awaited.length && awaited[0] < position) awaited.shift();
      if (awaited[0] === position) {
        awaited.shift();
        this.counts.echoes++;
        return;
      }
    }
    this.changed(province, kind === null ? null : [{ entity: kind, keys: id === null ? null : keysOfChange(kind, id) }]);
    if (position === null) return;
    const lately = this.heardLately.get(province) ?? new Map<number, number>();
    lately.set(position, this.sequence);
    if (lately.size > MAX_AWAITED_ECHOES) lately.delete(lately.keys().next().value as number);
    this.heardLately.set(province, lately);
  }

  /**
   * A write through this gateway, begun at change number `since`, made these changes to `province`'s records. One
   * the feed brought after the write began was voided after it committed, and is not again; the others are voided
   * now, and their echoes through the feed awaited.
   */
  written(province: string, changes: readonly WrittenChange[], since: number): void {
    const lately = this.heardLately.get(province);
    const left = changes.filter((c) => !((lately?.get(c.position) ?? -1) > since));
    this.counts.echoes += changes.length - left.length;
    if (left.length) this.changed(province, left.map((c) => ({ entity: c.entity, keys: keysOfChange(c.entity, c.id) })), left.map((c) => c.position));
  }

  /** The change sequence now: an answer whose fetch starts now is stamped with it. */
  since(): number {
    return this.sequence;
  }

  /** What an answer depending on `dependencies` and fetched from now stands on. */
  stamped(dependencies: readonly Dependency[], since = this.sequence): Stamped {
    return { dependencies, since };
  }

  /** The last change that may have changed what depends on `dependency`. */
  private lastChangeOf(dependency: Dependency): number {
    if (dependency === 'every province') return this.lastChange;
    const { province, kind, key } = dependency;
    if (kind === ANY_KIND) return this.lastChanges.get(`${province}\n${ANY_KIND}`) ?? 0;
    const ofAll = this.lastChanges.get(province) ?? 0;
    if (key === undefined) return Math.max(ofAll, this.lastChanges.get(`${province}\n${kind}`) ?? 0);
    return Math.max(ofAll, this.lastChanges.get(`${province}\n${kind}\n${key}`) ?? 0, this.lastChanges.get(`${province}\n${kind}\n${ANY_KIND}`) ?? 0);
  }

  /** Whether an answer fetched under `stamps` may be served or kept now: each usable, nothing changed since. */
  private stands(stamps: readonly Stamped[]): boolean {
    if (!this.following || this.away.has('region')) return false;
    return stamps.every((s) => s.since >= this.voidBefore
      && s.dependencies.every((d) => this.usable(d) && this.lastChangeOf(d) <= s.since));
  }

  /** The kept answer for `key`, if nothing it depends on changed since it was fetched. */
  get(key: string): unknown {
    return this.lookup(key)?.value;
  }

  /**
   * The kept answer for `key` with what it stands on, if nothing it depends on changed since it was fetched. A look-up
   * that another follows when it finds nothing (the answer kept for every reader, then the reader's own) does not
   * count its miss (`countMiss` false).
   */
  lookup(key: string, countMiss = true): Kept | undefined {
    const entry = this.entries.get(key);
    // Nothing that decides whether an answer stands (changes, reach, following) changes without a new number in the
    // sequence, so one found standing at this number still does: a page's hundreds of dependencies are not read again.
    if (!entry || (entry.standsAt !== this.sequence && !this.stands(entry.stamps))) {
      // Void for good: changes are never undone, and a dependency coming back within reach counts as one.
      if (entry) this.remove(key, entry);
      if (countMiss) this.counts.misses++;
      return undefined;
    }
    entry.standsAt = this.sequence;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.counts.hits++;
    return entry;
  }

  /**
   * Keeps `value`, fetched under `stamps`, unless something it depends on changed meanwhile. Text is measured here;
   * anything else comes with its size (`bytes`).
   */
  set(key: string, stamps: readonly Stamped[], value: unknown, bytes = typeof value === 'string' ? value.length * 2 : NaN): void {
    const size = bytes + key.length * 2 + ENTRY_OVERHEAD_BYTES;
    if (stamps.length === 0 || !this.stands(stamps) || !(size <= this.maxEntryBytes)) {
      this.counts.discarded++;
      return;
    }
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, { value, stamps, bytes: size, standsAt: this.sequence });
    this.bytes += size;
    this.counts.stored++;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest, entry);
      this.counts.evicted++;
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * The day an answer is given for (UTC): a day's answers are the day's, as overdue milestones are judged by today's
 * date. Formatted once a day (the last one kept with its bounds), not on every look-up.
 */
let today = { day: '', starts: 0, ends: 0 };
export const answerDay = (): string => {
  const now = Date.now();
  if (now >= today.ends || now < today.starts) {
    const starts = now - (now % 86_400_000);
    today = { day: new Date(starts).toISOString().slice(0, 10), starts, ends: starts + 86_400_000 };
  }
  return today.day;
};


/** A fixed-size key for a request body of any size. */
export const bodyDigest = (body: string) => hash('sha256', body, 'base64url');
