import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { SUPERGRAPH_FILE, apiSchemaOf } from '@yrd/gateway';
import { REPO_ROOT } from '../harness';

/** The explorer's saved operations and the README's examples are valid against the composed schema, as clients see it. */
const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const savedSource = readFileSync(join(REPO_ROOT, 'gateway/explorer/savedOperations.ts'), 'utf8');
// Each saved operation is a template literal (without substitutions) in that file.
const saved = [...savedSource.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
const readme = [...readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('documents users start from', () => {
  it('finds the saved operations and the README examples', () => {
    expect(saved.length).toBeGreaterThanOrEqual(10);
    expect(readme.length).toBeGreaterThanOrEqual(3);
  });

  it.each([...saved.map((s, i) => [`saved operation ${i + 1}`, s]), ...readme.map((s, i) => [`README example ${i + 1}`, s])])(
    '%s is valid against the schema', (_name, document) => {
      expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
    });
});
