#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProvinceRegistry } from '../provinces';
import { generateSeed } from '../seed';
import { repositoryRoot } from '../server';

/**
 * Writes synthetic seed files, one per province, for load and scale tests:
 * `npm run generate -- --scale 1000 [--out DIR]`. Start the platform on them with
 * `SEED_DIR=DIR DATA_DIR=another-data-dir npm start` (a seed loads into an empty database only).
 */
function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '100' }, out: { type: 'string' }, seed: { type: 'string', default: '2006' } },
  });
  const scale = Number(values.scale);
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
