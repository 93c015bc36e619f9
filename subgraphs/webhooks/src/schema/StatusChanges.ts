import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { EventQueue } from '@yrd/service';
import { WebhookEndpointRow } from '../store';

/** How often the database is asked for status changes while someone follows them. */
const POLL_MS = 1000;
/** The most status changes one follower may fall behind by: they are rare, a follower that far behind is gone. */
const FOLLOWER_LIMIT = 100;

/**
 * Webhooks' status changes (FAILING, DISABLED, ACTIVE again, PAUSED) for their owners. Any worker replica may make
 * one, so they are read from the shared database (status_changed_at, indexed), once a second and only while someone
 * follows; each change goes to the followers that own the webhook.
 */
export class StatusChanges {
  private readonly followers = new Map<EventQueue<WebhookEndpointRow>, string>();
  private timer: NodeJS.Timeout | null = null;
  private since = new Date().toISOString();
  /** The changes already told at `since` exactly: the next poll asks from that instant again, which may hold more. */
  private toldAtSince = new Set<string>();

  constructor(private readonly ds: DataSource) {}

  /** The status changes of `subject`'s webhooks from now on. */
  follow(subject: string): EventQueue<WebhookEndpointRow> {
    const queue: EventQueue<WebhookEndpointRow> = new EventQueue(() => {
      this.followers.delete(queue);
      if (!this.followers.size) this.idle();
    }, FOLLOWER_LIMIT);
    if (!this.followers.size) {
      this.since = new Date().toISOString();
      this.toldAtSince.clear();
      this.timer = setInterval(() => void this.poll(), POLL_MS);
    }
    this.followers.set(queue, subject);
    return queue;
  }

  dispose(): void {
    for (const queue of [...this.followers.keys()]) void queue.return();
    this.idle();
  }

  private idle(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    try {
      const changed = await this.ds.getRepository(WebhookEndpointRow).find({
        where: { statusChangedAt: MoreThanOrEqual(this.since) }, order: { statusChangedAt: 'ASC' }, take: 500,
      });
      const fresh = changed.filter((row) => !(row.statusChangedAt === this.since && this.toldAtSince.has(row.id)));
      if (!fresh.length) return;
      const last = fresh[fresh.length - 1].statusChangedAt ?? this.since;
      if (last !== this.since) this.toldAtSince = new Set();
      this.since = last;
      for (const row of fresh) if (row.statusChangedAt === last) this.toldAtSince.add(row.id);
      for (const [queue, subject] of this.followers) {
        for (const row of fresh) if (row.ownerSubject === subject) queue.push(row);
      }
    } catch {
      // The database is away for a moment: the next poll reads from the same point.
    }
  }
}
