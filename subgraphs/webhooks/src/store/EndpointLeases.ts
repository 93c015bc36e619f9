import type { DataSource } from 'typeorm';

/** How long a claim on an endpoint lasts unless renewed: a worker that dies hands its endpoints on after this. */
export const DEFAULT_LEASE_MS = 5_000;

/**
 * Which worker delivers which endpoints: each endpoint by one worker at a time, by a lease in the database that its
 * holder renews while it works. A claim is one conditional UPDATE per endpoint (free, expired, or already this
 * holder's), so two workers racing for one endpoint cannot both win, on SQLite or MariaDB.
 */
export class EndpointLeases {
  constructor(
    private readonly ds: DataSource,
    readonly holder: string,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {
    if (!holder || holder.length > 100) throw new Error('a lease holder is named by 1 to 100 characters');
  }

  /** Claims up to `max` deliverable endpoints no live lease holds; answers the ids this holder now holds among them. */
  async claim(max: number, now = new Date()): Promise<string[]> {
    const at = now.toISOString();
    // Its own leases renewed by one statement: a worker holding hundreds of endpoints renews them every tick.
    await this.update(`UPDATE webhook_endpoint SET lease_until = ? WHERE lease_holder = ? AND status IN ('ACTIVE', 'FAILING')`,
      [new Date(now.getTime() + this.leaseMs).toISOString(), this.holder]);
    const candidates = await this.ds.query(
      `SELECT id, lease_holder FROM webhook_endpoint WHERE status IN ('ACTIVE', 'FAILING')
       AND (lease_until IS NULL OR lease_until < ? OR lease_holder = ?) ORDER BY id LIMIT ?`,
      [at, this.holder, max],
    ) as { id: string; lease_holder: string | null }[];
    const claimed: string[] = [];
    for (const { id, lease_holder: holder } of candidates) {
      if (holder === this.holder || await this.take(id, now, `(lease_until IS NULL OR lease_until < ?)`, [at])) claimed.push(id);
    }
    return claimed;
  }

  /** Extends this holder's leases; answers the ids still held (one lost, say after a long pause, is not delivered). */
  async renew(ids: readonly string[], now = new Date()): Promise<string[]> {
    const held: string[] = [];
    for (const id of ids) if (await this.take(id, now, 'lease_holder = ?', [this.holder])) held.push(id);
    return held;
  }

  /** Gives the endpoints up at once (a worker stopping cleanly), for another worker to claim without waiting. */
  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.update('UPDATE webhook_endpoint SET lease_holder = NULL, lease_until = NULL WHERE id = ? AND lease_holder = ?', [id, this.holder]);
    }
  }

  private async take(id: string, now: Date, condition: string, params: unknown[]): Promise<boolean> {
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    return (await this.update(`UPDATE webhook_endpoint SET lease_holder = ?, lease_until = ? WHERE id = ? AND ${condition}`,
      [this.holder, until, id, ...params])) > 0;
  }

  /** Runs an UPDATE and answers the rows it changed, as TypeORM reports them for either driver. */
  private async update(sql: string, params: unknown[]): Promise<number> {
    const runner = this.ds.createQueryRunner();
    try {
      const result = await runner.query(sql, params, true) as { affected?: number };
      return result.affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}
