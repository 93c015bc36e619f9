import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import type { DatabaseConfig } from './DatabaseConfig';

const tracer = trace.getTracer('yrd-storage');
/** A statement's text is kept up to this length (an IN list of 500 placeholders is long). */
const MAX_STATEMENT = 4096;
const traced = new WeakSet<QueryRunner>();

/** `SELECT port`, `INSERT change_event`: the statement's kind and its first table, when the text names one plainly. */
function summary(statement: string): { operation: string; table?: string } {
  const operation = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? 'SQL';
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+[`"]?(\w+)/i.exec(statement)?.[1];
  return { operation, table };
}

/**
 * A span for every SQL statement a data source runs within a traced request (`SELECT port`, with `db.query.text`,
 * never its parameters), timed around the driver's own call: the statement's real duration (better-sqlite3 runs it
 * there and then; on MariaDB the wait for a pooled connection is in it too), parented by the resolver or DataLoader
 * batch that ran it. TypeORM's logger is told of a statement before it runs and never of its end, so the query
 * runners are wrapped instead. A statement outside any recorded span (a feed's poll, a migration) makes none.
 */
export function traceStatements(dataSource: DataSource, config: DatabaseConfig): void {
  const system = config.kind === 'sqlite' ? 'sqlite' : 'mariadb';
  const namespace = config.kind === 'sqlite' ? config.file.replace(/^.*\//, '').replace(/\.sqlite$/, '') : config.database;
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (traced.has(runner)) return runner;
    traced.add(runner);
    const query = runner.query.bind(runner) as (statement: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
    runner.query = ((statement: string, parameters?: unknown[], structured?: boolean) => {
      if (!trace.getActiveSpan()?.isRecording()) return query(statement, parameters, structured);
      const { operation, table } = summary(statement);
      const span = tracer.startSpan(table ? `${operation} ${table}` : operation, {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': system, 'db.namespace': namespace, 'db.operation.name': operation,
          'db.query.text': statement.slice(0, MAX_STATEMENT), ...(table ? { 'db.collection.name': table } : {}),
        },
      });
      return context.with(trace.setSpan(context.active(), span), () => query(statement, parameters, structured)).then((result) => {
        span.end();
        return result;
      }, (error: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as { code?: string }).code ?? 'statement failed' });
        span.end();
        throw error;
      });
    }) as QueryRunner['query'];
    return runner;
  };
}
