#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnvironment, runService } from '../server';
import { readProvinceFolder, startProvince } from '../subgraph';

/** Serves the province whose folder is given (default: the working directory): `yrd-province-subgraph subgraphs/zhejiang`. */
const env = loadEnvironment();
const folder = readProvinceFolder(resolve(process.argv[2] ?? '.'));
// SEED_FILE: another seed (npm run generate writes synthetic ones), loaded into an empty database only.
if (process.env.SEED_FILE) folder.seed = JSON.parse(readFileSync(process.env.SEED_FILE, 'utf8'));
runService(folder.code.toLowerCase(), () => startProvince({
  folder, dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, databasePrefix: env.DATABASE_PREFIX,
  port: env.PORT, host: env.HOST, introspection: env.INTROSPECTION,
}));
