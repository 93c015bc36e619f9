import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

const ownWork = new AsyncLocalStorage<true>();

/**
 * Runs `work` as the service's own, not a request's (a change feed's poll): its statements are counted apart, or a
 * poll landing during a request would add to what that request seems to cost.
 */
export function asOwnWork<T>(work: () => T): T {
  return ownWork.run(true, work);
}

/**
 * A TypeORM logger that counts the SQL statements a data source runs, so tests can assert how many statements a
 * request costs (a count that does not depend on the machine) and metrics can expose it.
 */
export class QueryCounter implements Logger {
  /** Statements run for requests (anything not run as the service's own work). */
  count = 0;

  logQuery(): void {
    if (!ownWork.getStore()) this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
