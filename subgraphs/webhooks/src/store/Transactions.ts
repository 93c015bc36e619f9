import type { DataSource, EntityManager } from 'typeorm';

/**
 * The webhooks' transactions. On SQLite one after another within a process: better-sqlite3 has one connection, on
 * which TypeORM would interleave two transactions. On MariaDB side by side, each on a connection of the pool (its
 * commits then share the log's flushes). Across processes (worker replicas on one SQLite file) each transaction
 * takes SQLite's write lock first, so that it waits on the busy timeout: one that read first and then wrote would
 * fail at once with "database is locked" while another process writes (SQLite refuses that upgrade without waiting).
 */
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * Find options that lock the rows read until the transaction ends (SELECT ... FOR UPDATE on MariaDB), so that a
   * read-then-write never writes back what another process changed meanwhile. SQLite needs none: each transaction
   * holds the database's write lock from its start.
   */
  get forUpdate(): { lock?: { mode: 'pessimistic_write' } } {
    return this.sqlite ? {} : { lock: { mode: 'pessimistic_write' } };
  }

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (!this.sqlite) return this.dataSource.transaction(work);
    const task = this.queue.then(() => this.dataSource.transaction(async (tx) => {
      // A write that changes nothing, as BEGIN IMMEDIATE would (TypeORM begins deferred): the lock, waited for.
      await tx.query('DELETE FROM webhook_attempt WHERE 0');
      return work(tx);
    }));
    this.queue = task.catch(() => undefined);
    return task;
  }
}
