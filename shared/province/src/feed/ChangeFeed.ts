import type { DataSource } from 'typeorm';
import { asOwnWork } from '@yrd/storage';
import { badInput, type ChangeKind, type EntityKind, type FeedEvent } from '@yrd/domain';

export interface ChangeFeedOptions {
  /** How often the outbox is read for writes by another replica while someone listens. Default 500 ms. */
  readonly pollMs?: number;
  /**
   * How long a missing position may hold back the events after it. An id is taken when a transaction inserts its
   * event but is visible only at commit, so a later id can be seen first; a rolled-back one never appears. Writes
   * must commit within it (keep innodb_lock_wait_timeout below it). Default 10 s.
   */
  readonly gapGraceMs?: number;
  /** Events kept in memory for subscribers that are nearly caught up. Default 2,000. */
  readonly keepRecent?: number;
}

interface OutboxRow {
  id: number | string;
  province: string;
  entity: EntityKind;
  entity_id: string;
  kind: ChangeKind;
  at: string;
  actor: string;
  changed_fields: string;
}

const COLUMNS = 'id, province, entity, entity_id, kind, at, actor, changed_fields';
const RETRY_MS = 500;
const PAGE = 500;

const toEvent = (row: OutboxRow): FeedEvent => ({
  position: Number(row.id), province: row.province, entity: row.entity, id: row.entity_id, kind: row.kind, at: row.at,
  actor: row.actor, changedFields: JSON.parse(row.changed_fields) as string[],
});

/**
 * A province's change feed over its outbox. One reader per process follows the outbox (woken at once by this
 * process's commits, and by a short poll for other replicas') and keeps the recent events in memory; each subscriber
 * replays from its own position, from memory when it can and from the database when it is further behind.
 * Positions are delivered in order and never twice; a position is skipped only as a gap that outlived `gapGraceMs`.
 */
export class ChangeFeed {
  private head = 0;
  private recent: FeedEvent[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions = new Set<AsyncIterableIterator<FeedEvent>>();
  private reading: Promise<void> | null = null;
  private again = false;
  private gapSeenAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private readonly pollMs: number;
  private readonly gapGraceMs: number;
  private readonly keepRecent: number;

  constructor(private readonly ds: DataSource, options: ChangeFeedOptions = {}) {
    this.pollMs = options.pollMs ?? 500;
    this.gapGraceMs = options.gapGraceMs ?? 10_000;
    this.keepRecent = options.keepRecent ?? 2000;
  }

  /**
   * Starts just before the events of the last grace period, which the first read then takes with gap checks: another
   * replica's write still in flight there is waited for, not skipped.
   */
  async start(): Promise<void> {
    const settled = new Date(Date.now() - this.gapGraceMs).toISOString();
    const [row] = await this.ds.query(
      'SELECT MAX(id) AS id FROM change_event WHERE at <= ?', [settled],
    ) as { id: number | string | null }[];
    this.head = Number(row?.id ?? 0);
    this.started = true;
    await this.refresh();
  }

  /** The position of the last event subscribers can be given, read afresh (another replica may have written). */
  async end(): Promise<number> {
    await this.refresh();
    return this.head;
  }

  /** @internal The position as last read. */
  get position(): number {
    return this.head;
  }

  /** A write committed in this process: read it now rather than at the next poll. */
  notify(): void {
    if (this.started) void this.refresh();
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const wake of this.listeners) wake();
    this.listeners.clear();
    this.subscriptions.clear();
  }

  /**
   * The events after `after` (which must not be past the end of the outbox), then each new one as it commits, that
   * `accept` lets through. Ends when the returned iterator's return() is called or the feed stops.
   */
  async subscribe(after: number, accept: (event: FeedEvent) => boolean = () => true): Promise<AsyncIterableIterator<FeedEvent>> {
    if (!Number.isInteger(after) || after < 0) throw badInput('after', 'must be a position of 0 or more');
    await this.refresh();
    const last = await this.lastPosition();
    if (after > last) {
      throw badInput('after', `position ${after} is past the end of this feed (${last}): the province's database may have been replaced`);
    }
    const subscription: AsyncIterableIterator<FeedEvent> = new FeedSubscription(this, after, accept, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Subscriptions open on this feed now. */
  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** @internal The next events after `after` up to the head, from memory or the database; [] when caught up. */
  async eventsAfter(after: number): Promise<FeedEvent[]> {
    if (after >= this.head) return [];
    const first = this.recent[0];
    if (first && first.position <= after + 1) {
      const events: FeedEvent[] = [];
      for (let i = this.recent.length - 1; i >= 0 && this.recent[i].position > after; i--) events.push(this.recent[i]);
      return events.reverse();
    }
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM change_event WHERE id > ? AND id <= ? ORDER BY id LIMIT ${PAGE}`, [after, this.head],
    ) as OutboxRow[];
    return rows.map(toEvent);
  }

  /** @internal Waits for the head to move (or the feed to stop); returns an unsubscribe. */
  listen(wake: () => void): () => void {
    this.listeners.add(wake);
    if (!this.timer && this.started) {
      this.timer = setInterval(() => void this.refresh(), this.pollMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(wake);
      if (!this.listeners.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  get stopped(): boolean {
    return !this.started;
  }

  private async lastPosition(): Promise<number> {
    const [row] = await this.ds.query('SELECT MAX(id) AS id FROM change_event') as { id: number | string | null }[];
    return Number(row?.id ?? 0);
  }

  /** Reads what committed since the head; one read at a time, and one more if asked meanwhile. */
  private refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    // The feed's reads are its own work, whichever request's commit woke it.
    this.reading = asOwnWork(async () => {
      try {
        do {
          this.again = false;
          await this.readNew();
        } while (this.again);
      } catch {
        // The database is unreachable: the next poll or commit tries again; subscribers keep their positions.
      } finally {
        this.reading = null;
      }
    });
    return this.reading;
  }

  private async readNew(): Promise<void> {
    const before = this.head;
    for (;;) {
      const rows = await this.ds.query(
        `SELECT ${COLUMNS} FROM change_event WHERE id > ? ORDER BY id LIMIT ${PAGE}`, [this.head],
      ) as OutboxRow[];
      let taken = 0;
      for (const row of rows.map(toEvent)) {
        if (row.position !== this.head + 1 && !this.gapExpired()) break;
        this.gapSeenAt = null;
        this.recent.push(row);
        this.head = row.position;
        taken++;
      }
      if (taken < rows.length && this.gapSeenAt === null) {
        this.gapSeenAt = Date.now();
        setTimeout(() => void this.refresh(), this.gapGraceMs + 10).unref();
      }
      if (taken < PAGE) break;
    }
    if (this.recent.length > this.keepRecent) this.recent = this.recent.slice(-this.keepRecent);
    if (this.head !== before) for (const wake of [...this.listeners]) wake();
  }

  private gapExpired(): boolean {
    return this.gapSeenAt !== null && Date.now() - this.gapSeenAt >= this.gapGraceMs;
  }
}

/** One subscriber's position in the feed; pulls the next events only when its consumer asks. */
class FeedSubscription implements AsyncIterableIterator<FeedEvent> {
  private pending: FeedEvent[] = [];
  private done = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly feed: ChangeFeed, private position: number, private readonly accept: (e: FeedEvent) => boolean,
    private readonly closed: () => void,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<FeedEvent>> {
    while (!this.done && !this.feed.stopped) {
      const event = this.pending.shift();
      if (event) return { value: event, done: false };
      let events: FeedEvent[];
      try {
        events = await this.feed.eventsAfter(this.position);
      } catch {
        // The database is unreachable for now: the subscriber keeps its position and waits, rather than ending.
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, RETRY_MS).unref();
        });
        continue;
      }
      if (events.length) {
        this.position = events[events.length - 1].position;
        this.pending = events.filter(this.accept);
        continue;
      }
      await new Promise<void>((resolve) => {
        const stop = this.feed.listen(() => {
          stop();
          this.wake = null;
          resolve();
        });
        this.wake = () => {
          stop();
          resolve();
        };
        // The head may have moved between the read above and listening.
        if (this.position < this.feed.position) this.wake();
      });
    }
    this.closed();
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<FeedEvent>> {
    this.done = true;
    this.closed();
    this.wake?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<FeedEvent>> {
    await this.return();
    throw error;
  }
}
