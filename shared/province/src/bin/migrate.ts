#!/usr/bin/env node
import { provinceServices } from '@yrd/domain';
import { commandLine, loadEnvironment, loggerFor, usageError } from '@yrd/service';
import { databaseConfigFor, openDatabase } from '../db';

/**
 * The deployment's migration step: creates each province's database if it is missing and brings its schema to the
 * latest migration, then exits (0 when every province is done). Services started afterwards find their schema ready.
 *   node shared/province/dist/bin/migrate.js [ZHEJIANG ...]
 */
const USAGE = `usage: node shared/province/dist/bin/migrate.js [${provinceServices().map((s) => s.code).join(' ')}]

Creates each province's database (all, or those named) if it is missing and applies every migration, then exits.
Reads DATABASE_URL, DATABASE_PREFIX and DATA_DIR like the services.`;
const { positionals } = commandLine(USAGE, {}, true);
const env = loadEnvironment();
const wanted = positionals.map((p) => p.toUpperCase());
const provinces = provinceServices().filter((s) => !wanted.length || wanted.includes(s.code));
const unknown = wanted.filter((p) => !provinces.some((s) => s.code === p));
if (unknown.length) usageError(`not a province of this platform: ${unknown.join(' ')}`, USAGE);
const log = loggerFor('migrate').child({}, { level: 'info' });
(async () => {
  for (const service of provinces) {
    const database = await openDatabase(databaseConfigFor(service.code, {
      dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, databasePrefix: env.DATABASE_PREFIX,
    }));
    const applied = await database.dataSource.query('SELECT COUNT(*) AS n FROM migrations') as { n: number | string }[];
    log.info({ province: service.code, migrations: Number(applied[0]?.n ?? 0) }, 'migrated');
    await database.close();
  }
})().then(() => process.exit(0), (error: unknown) => {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
