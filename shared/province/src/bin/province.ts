#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { commandLine, limitsFromEnv, loadEnvironment, runService, startTracing } from '@yrd/service';
import { readProvinceFolder, startProvince } from '../subgraph';

/** Serves the province whose folder is given (default: the working directory): `yrd-province-subgraph subgraphs/zhejiang`. */
const { positionals } = commandLine(`usage: node shared/province/dist/bin/province.js [FOLDER]

Serves the province subgraph of FOLDER (a folder under subgraphs/ with province.json and seed.json; default the
working directory) on PORT, over DATABASE_URL or an SQLite file under DATA_DIR. SEED_FILE loads another seed
into an empty database.`, {}, true);
const env = loadEnvironment();
const folder = readProvinceFolder(resolve(positionals[0] ?? '.'));
// SEED_FILE: another seed (npm run generate writes synthetic ones), loaded into an empty database only.
if (process.env.SEED_FILE) folder.seed = JSON.parse(readFileSync(process.env.SEED_FILE, 'utf8'));
const limits = limitsFromEnv();
startTracing(folder.code.toLowerCase());
runService(folder.code.toLowerCase(), () => startProvince({
  folder, dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, databasePrefix: env.DATABASE_PREFIX,
  port: env.PORT, host: env.HOST, introspection: env.INTROSPECTION, rateLimit: limits.subgraphRate, counters: limits.counters(),
}));
