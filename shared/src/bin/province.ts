#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnvironment } from '../server';
import { readProvinceFolder, startProvince } from '../subgraph';

/** Serves the province whose folder is given (default: the working directory): `yrd-province-subgraph subgraphs/zhejiang`. */
async function main() {
  const env = loadEnvironment();
  const folder = readProvinceFolder(resolve(process.argv[2] ?? '.'));
  // SEED_FILE: another seed (npm run generate writes synthetic ones), loaded into an empty database only.
  if (process.env.SEED_FILE) folder.seed = JSON.parse(readFileSync(process.env.SEED_FILE, 'utf8'));
  const running = await startProvince({
    folder, dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, databasePrefix: env.DATABASE_PREFIX,
    port: env.PORT, host: env.HOST,
  });
  console.log(JSON.stringify({ level: 'info', service: folder.code.toLowerCase(), msg: 'ready', url: running.url }));
  const stop = () => running.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
