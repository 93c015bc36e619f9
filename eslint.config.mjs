// Lint holds the architecture: no import cycles, no default exports, no deep imports into another package, and no
// package or folder importing back up (the layers below).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const root = import.meta.dirname;

/** Each package with the workspace packages it may import: only those below it. */
const PACKAGES = {
  'shared/domain': [],
  'shared/service': ['@yrd/domain'],
  'shared/storage': ['@yrd/domain'],
  'shared/province': ['@yrd/domain', '@yrd/service', '@yrd/storage'],
  'subgraphs/region': ['@yrd/domain', '@yrd/service'],
  'subgraphs/webhooks': ['@yrd/domain', '@yrd/service', '@yrd/storage'],
  // The gateway never loads the database layer (@yrd/province).
  gateway: ['@yrd/domain', '@yrd/service', '@yrd/subgraph-region'],
  // The deployment files are generated from the province registry alone.
  docker: ['@yrd/domain'],
};
const WORKSPACE = ['@yrd/domain', '@yrd/service', '@yrd/storage', '@yrd/province', '@yrd/subgraph-region', '@yrd/subgraph-webhooks', '@yrd/gateway', '@yrd/deploy', '@yrd/test'];

/**
 * The folders of each package's src, lowest first: a folder imports only from folders before it (or its own), and
 * never from the files of src itself, which assemble the folders.
 */
const LAYERS = {
  'shared/domain/src': ['model', 'errors', 'validation', 'provinces', 'paging', 'figures', 'feed', 'schema'],
  'shared/service/src': ['observability', 'tracing', 'cli', 'http', 'auth', 'limits', 'supergraph', 'persisted', 'pipeline', 'server', 'subscriptions', 'plugins', 'bin'],
  'shared/province/src': ['db', 'records', 'feed', 'seed', 'subgraph', 'bin'],
  'subgraphs/region/src': ['provinces', 'changes', 'figures', 'search'],
  'subgraphs/webhooks/src': ['store', 'delivery', 'subscription', 'worker', 'schema'],
  'gateway/src': ['health', 'explorer', 'dashboard', 'cache', 'subgraphs', 'supergraph', 'operations', 'subscriptions', 'bin'],
};
const zones = Object.entries(LAYERS).flatMap(([src, folders]) => folders.flatMap((folder, i) => [
  { target: `${src}/${folder}/**`, from: `${src}/*.ts`, message: 'A folder does not import back up from the files that assemble it.' },
  ...folders.slice(i + 1).map((higher) => ({
    target: `${src}/${folder}/**`, from: `${src}/${higher}/**`, message: `${folder}/ is below ${higher}/ (eslint.config.mjs LAYERS).`,
  })),
]));
const DEEP_IMPORT = { group: ['@yrd/*/*'], message: 'Import another package by its public entry point only.' };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [DEEP_IMPORT] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  },
  ...Object.entries(PACKAGES).map(([folder, allowed]) => ({
    files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [DEEP_IMPORT, {
        group: WORKSPACE.filter((name) => !allowed.includes(name) && !folder.endsWith(name.replace('@yrd/', '').replace('subgraph-', ''))),
        message: `${folder} may import only ${allowed.join(', ') || 'no workspace package'} (eslint.config.mjs PACKAGES).`,
      }] }],
    },
  })),
);
