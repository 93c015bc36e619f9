#!/usr/bin/env node
import { ProvinceRegistry, provinceServices } from '@yrd/domain';
import { commandLine, loadEnvironment, loggerFor, usageError } from '@yrd/service';
import { databaseConfigFor, openDatabase } from '../db';
import { loadSeed } from '../seed';
import { readProvinceFolder } from '../subgraph';

/**
 * The deployment's migration step: creates each province's database if it is missing, brings its schema to the
 * latest migration and loads its folder's seed into an empty one, then exits (0 when every province is done).
 * Services started afterwards find it ready, so that replicas starting together never race to seed it.
 *   node shared/province/dist/bin/migrate.js [ZHEJIANG ...]
 */
const USAGE = `usage: node shared/province/dist/bin/migrate.js [${provinceServices().map((s) => s.code).join(' ')}]

Creates each province's database (all, or those named) if it is missing, applies every migration and loads the
province folder's seed into an empty database, then exits. Reads DATABASE_URL, DATABASE_PREFIX and DATA_DIR like the
services.`;
const { positionals } = commandLine(USAGE, {}, true);
const env = loadEnvironment();
const wanted = positionals.map((p) => p.toUpperCase());
const provinces = provinceServices().filter((s) => !wanted.length || wanted.includes(s.code));
const unknown = wanted.filter((p) => !provinces.some((s) => s.code === p));
if (unknown.length) usageError(`not a province of this platform: ${unknown.join(' ')}`, USAGE);
const log = loggerFor('migrate').child({}, { level: 'info' });
(async () => {
  const registry = new ProvinceRegistry();
  for (const service of provinces) {
    const database = await openDatabase(databaseConfigFor(service.code, {
      dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, databasePrefix: env.DATABASE_PREFIX,
    }));
    try {
      const applied = await database.dataSource.query('SELECT COUNT(*) AS n FROM migrations') as { n: number | string }[];
      const seeded = await loadSeed(database.dataSource, service.code, registry, readProvinceFolder(service.folder).seed);
      log.info({ province: service.code, migrations: Number(applied[0]?.n ?? 0), seeded }, 'migrated');
    } finally {
      await database.close();
    }
  }
})().then(() => process.exit(0), (error: unknown) => {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
