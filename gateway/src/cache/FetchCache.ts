import { createHash } from 'node:crypto';

/** What a cached answer depends on: one province's records, or (for the region) every province's. */
export type Dependency = { readonly province: string } | 'every province';

/** A dependency with the generations an answer was fetched under: the answer stands while they do. */
export interface Stamped {
  readonly dependency: Dependency;
  readonly stamp: string;
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

/**
 * Subgraph answers by request and reader, valid until a change they depend on. Nothing is ever deleted on a change:
 * each province has a generation, bumped by every change to its records (from the change feed, or at once by a write
 * through this gateway); an answer is stamped with the generations it was fetched under and served only while they
 * stand. An answer fetched across a change is never kept, since its stamp is taken when the fetch starts. Bounded in
 * bytes, least recently used first out.
 */
export class FetchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  /** Bumped by any change anywhere: the region's answers depend on every province. */
  private anyChange = 0;
  /** Bumped when the cache stops or starts following the feed: every answer before is void. */
  private epoch = 0;
  private bytes = 0;
  private following = false;
  /** Provinces (and the region) the gateway cannot reach now: their changes may not reach it either. */
  private readonly away = new Set<string>();
  /**
   * Per province, the feed positions (ascending) of changes this gateway's writes made and voided already, until the
   * feed brings them. The feed brings a province's changes in order, so one it has passed never comes: it is dropped,
   * and a position can never be matched by another change of the same number after the province's feed began anew.
   */
  private readonly awaitedEchoes = new Map<string, number[]>();
  private readonly maxEntryBytes: number;
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
    this.changed(name);
  }

  /** Whether an answer depending on `dependency` may be served or kept now. */
  private usable(dependency: Dependency): boolean {
    if (!this.following || this.away.has('region')) return false;
    return dependency === 'every province' ? this.away.size === 0 : !this.away.has(dependency.province);
  }

  /** The feed is followed from now (true), or no longer (false): either way what was kept is void. */
  follow(following: boolean): void {
    this.following = following;
    this.epoch++;
    // Followed afresh from the feed's head: what was awaited may never come.
    this.awaitedEchoes.clear();
  }

  /**
   * A change to `province`'s records: answers that depend on them are void. `ownPositions` are the feed positions
   * of the changes when a write through this gateway made them: the feed bringing them back voids nothing more.
   */
  changed(province: string, ownPositions: readonly number[] = []): void {
    this.generations.set(province, (this.generations.get(province) ?? 0) + 1);
    this.anyChange++;
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
   * A change the feed brings, at `position` in its province's feed (null if unknown): void what depends on it,
   * unless it is a write of this gateway's, voided when its answer came. Answers kept since then were fetched after
   * that write had committed, so they hold it; a change arriving before its write's answer is voided twice.
   */
  heard(province: string, position: number | null): void {
    const awaited = this.awaitedEchoes.get(province);
    if (position !== null && awaited) {
      while (awaited.length && awaited[0] < position) awaited.shift();
      if (awaited[0] === position) {
        awaited.shift();
        this.counts.echoes++;
        return;
      }
    }
    this.changed(province);
  }

  /** The generations an answer depending on `dependency` is fetched under now. */
  stamp(dependency: Dependency): string {
    const generation = dependency === 'every province' ? this.anyChange : this.generations.get(dependency.province) ?? 0;
    return `${this.epoch}.${generation}`;
  }

  /** `dependency` with the generations that stand now. */
  stamped(dependency: Dependency): Stamped {
    return { dependency, stamp: this.stamp(dependency) };
  }

  /** Whether an answer fetched under `stamps` may be served or kept now: each usable, nothing changed since. */
  private stands(stamps: readonly Stamped[]): boolean {
    return stamps.every((s) => this.usable(s.dependency) && s.stamp === this.stamp(s.dependency));
  }

  /** The kept answer for `key`, if nothing it depends on changed since it was fetched. */
  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry || !this.stands(entry.stamps)) {
      // Void for good: generations only grow, and a dependency coming back within reach bumps its own.
      if (entry) this.remove(key, entry);
      this.counts.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.counts.hits++;
    return entry.value;
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
    this.entries.set(key, { value, stamps, bytes: size });
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

/** The day an answer is given for (UTC): a day's answers are the day's, as overdue milestones are judged by today's date. */
export const answerDay = () => new Date().toISOString().slice(0, 10);

/** A fixed-size key for a request body of any size. */
export const bodyDigest = (body: string) => createHash('sha256').update(body).digest('base64url');
