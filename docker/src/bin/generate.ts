#!/usr/bin/env node
import { relative } from 'node:path';
import { ProvinceRegistry } from '@yrd/domain';
import { deployDirectory, generatedFiles, staleFiles, writeGeneratedFiles } from '../generatedFiles';

/**
 * Writes the deployment files (compose, the MariaDB init script, the Kubernetes manifests) from the province folders:
 *   node docker/dist/bin/generate.js [--check]
 * With --check it writes nothing, and exits 1 naming the files that differ from what it would write.
 */
const args = process.argv.slice(2);
if (args.some((a) => a !== '--check')) {
  process.stderr.write('usage: node docker/dist/bin/generate.js [--check]\n');
  process.exit(2);
}
const dir = deployDirectory();
const files = generatedFiles(new ProvinceRegistry());
const shown = (path: string) => relative(process.cwd(), `${dir}/${path}`);
if (args.includes('--check')) {
  const stale = staleFiles(dir, files);
  if (stale.length) {
    process.stderr.write(`not as generated (run npm run generate:deploy):\n${stale.map((p) => `  ${shown(p)}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write(`${files.length} deployment files are as generated\n`);
} else {
  const written = writeGeneratedFiles(dir, files);
  process.stdout.write(written.length ? `wrote:\n${written.map((p) => `  ${shown(p)}\n`).join('')}` : 'every deployment file was already as generated\n');
}
