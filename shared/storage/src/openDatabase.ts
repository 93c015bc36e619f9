import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './DatabaseConfig';
import { QueryCounter } from './QueryCounter';
import { traceStatements } from './traceStatements';

/** What a service keeps in its database: its entity classes and the migrations that build their tables. */
export interface DatabaseSchema {
  readonly entities: readonly (abstract new (...args: never[]) => unknown)[];
  readonly migrations: readonly (new () => unknown)[];
}

export interface Database {
  readonly dataSource: DataSource;
  readonly queries: QueryCounter;
  readonly config: DatabaseConfig;
  /** Connections the pool holds now (SQLite: 1). */
  connections(): number;
  close(): Promise<void>;
}

// Binary collation: rows sort the same in MariaDB, SQLite and the region's merge of their pages.
async function createMariadbDatabase(config: Extract<DatabaseConfig, { kind: 'mariadb' }>): Promise<void> {
  const admin = new DataSource({
    type: 'mariadb', host: config.host, port: config.port, username: config.user, password: config.password,
  });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.destroy();
  }
}

function dataSourceFor(config: DatabaseConfig, schema: DatabaseSchema, queries: QueryCounter): DataSource {
  const common = {
    entities: [...schema.entities] as unknown as string[], migrations: [...schema.migrations] as unknown as string[], synchronize: false, logger: queries,
  } as const;
  if (config.kind === 'sqlite') {
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: config.file,
      // Prepared statements kept: a batched read's text differs with the number of its keys (1 to 100 and more), so
      // TypeORM's 100 were evicted and prepared again all the time under load (a sixth of reads, 0.15 ms each).
      statementCacheSize: 1000,
      // WAL lets readers go on while a write commits; the busy timeout covers a second process on the same file.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      },
    });
  }
  return new DataSource({
    ...common,
    type: 'mariadb',
    host: config.host,
    port: config.port,
    username: config.user,
    password: config.password,
    database: config.database,
    timezone: 'Z',
    extra: { decimalNumbers: true, connectionLimit: 10 },
  });
}

/**
 * Opens a service's database and brings `schema` up to date by its migrations (never synchronize): creates the
 * SQLite file or the MariaDB database if it does not exist yet.
 */
export async function openDatabase(config: DatabaseConfig, schema: DatabaseSchema): Promise<Database> {
  try {
    if (config.kind === 'sqlite') mkdirSync(dirname(config.file), { recursive: true });
    else await createMariadbDatabase(config);
  } catch (error) {
    throw unreachable(config, error);
  }
  const queries = new QueryCounter();
  const dataSource = dataSourceFor(config, schema, queries);
  traceStatements(dataSource, config);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw unreachable(config, error);
  }
  await dataSource.runMigrations({ transaction: 'each' });
  // mysql2's pool keeps its connections in a list it does not publish otherwise.
  const pool = (dataSource.driver as { pool?: { _allConnections?: { length: number } } }).pool;
  return {
    dataSource, queries, config, close: () => dataSource.destroy(),
    connections: () => (config.kind === 'sqlite' ? 1 : pool?._allConnections?.length ?? 0),
  };
}

/** Where the database is and why it could not be reached, with no password in it. */
function unreachable(config: DatabaseConfig, error: unknown): Error {
  const where = config.kind === 'sqlite' ? config.file : `${config.host}:${config.port}`;
  const why = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
  return new Error(`cannot open the database at ${where} (${why})`);
}
