// Bundles the dashboard (plain TypeScript and the parts of Apache ECharts it uses) into dist/dashboard-bundle with
// esbuild, so that the gateway serves every file itself: an intranet browser never needs another host.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/dashboard-bundle');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = Date.now();
await esbuild.build({
  entryPoints: [join(root, 'dashboard/main.ts')], outdir: out, format: 'esm',
  bundle: true, minify: true, sourcemap: false, logLevel: 'warning', target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' }, loader: { '.graphql': 'text' },
});
copyFileSync(join(root, 'dashboard/index.html'), join(out, 'index.html'));
console.log(`dashboard bundled into ${out} in ${Date.now() - started} ms`);
