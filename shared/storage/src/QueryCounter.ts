import type { Logger } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements a data source runs, so tests can assert how many statements a
 * request costs (a count that does not depend on the machine) and metrics can expose it.
 */
export class QueryCounter implements Logger {
  count = 0;

  logQuery(): void {
    this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
