import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';
import { noteStatement } from './tablesRead';

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
 * request costs (a count that does not depend on the machine) and metrics can expose it; and tells the request
 * being recorded (recordingTables) which tables each reads and writes.
 */
export class QueryCounter implements Logger {
  /** Statements run for requests (anything not run as the service's own work). */
  count = 0;

  logQuery(statement: string): void {
    if (ownWork.getStore()) return;
    this.count += 1;
    noteStatement(statement);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
