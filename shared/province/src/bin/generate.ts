#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvinceRegistry } from '@yrd/domain';
import { commandLine, repositoryRoot, usageError } from '@yrd/service';
import { generateSeed } from '../seed';

/**
 * Writes synthetic seed files, one per province, for load and scale tests:
 * `npm run generate -- --scale 1000 [--out DIR]`. Start the platform on them with
 * `SEED_DIR=DIR DATA_DIR=another-data-dir npm start` (a seed loads into an empty database only).
 */
const USAGE = `usage: npm run generate -- [--scale N] [--out DIR] [--seed N]

Writes synthetic seed files of the same shape as the provinces' own, one per province, for load and scale tests.
  --scale N   ports per province, roughly (default 100)
  --out DIR   where to write them (default .data/synthetic-<scale>)
  --seed N    the random seed, for repeatable data (default 2006)
Serve them with SEED_DIR=DIR DATA_DIR=another-data-dir npm start.`;

function main() {
  const { values } = commandLine(USAGE, {
    scale: { type: 'string', default: '100' }, out: { type: 'string' }, seed: { type: 'string', default: '2006' },
  });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1) usageError('--scale must be a whole number of at least 1', USAGE);
  const out = values.out ?? join(repositoryRoot(), '.data', `synthetic-${scale}`);
  const registry = new ProvinceRegistry();
  mkdirSync(out, { recursive: true });
  for (const province of registry.provinces) {
    const data = generateSeed(registry, province.code, scale, Number(values.seed));
    const file = join(out, `${province.names.field}.seed.json`);
    writeFileSync(file, JSON.stringify(data));
    console.log(`${file}: ${data.ports.length} ports, ${data.terminals.length} terminals, ${data.capacity.length} capacity records, ${data.routes.length} routes`);
  }
}

main();
