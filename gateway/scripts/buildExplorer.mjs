// Bundles the explorer (GraphiQL 5, its explorer plugin, React, Monaco and its workers) into dist/explorer-bundle with
// esbuild, so that the gateway serves every file itself: an intranet browser never needs another host.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/explorer-bundle');
const require = createRequire(import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  bundle: true, minify: true, sourcemap: false, logLevel: 'warning', target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
};
const started = Date.now();
await esbuild.build({
  ...common, entryPoints: [join(root, 'explorer/main.tsx')], outdir: out, format: 'esm', jsx: 'automatic',
  loader: { '.graphql': 'text', '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
});
await esbuild.build({
  ...common, format: 'iife', outdir: out, entryNames: '[name]',
  entryPoints: {
    'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
    'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
    'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
  },
});
copyFileSync(join(root, 'explorer/index.html'), join(out, 'index.html'));
console.log(`explorer bundled into ${out} in ${Date.now() - started} ms`);
