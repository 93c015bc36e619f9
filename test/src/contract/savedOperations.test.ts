import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { SUPERGRAPH_FILE, apiSchemaOf, readOperationFiles } from '@yrd/gateway';
import { REPO_ROOT } from '../harness';

/**
 * The operations clients start from (gateway/operations: the explorer's saved ones, the dashboard's, the partners')
 * and the README's examples are valid against the composed schema, as clients see it.
 */
const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const operations = readOperationFiles();
const saved = operations.map((o) => o.body);
const readme = [...readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('documents users start from', () => {
  it('finds the saved operations and the README examples', () => {
    expect(operations.filter((o) => o.file.startsWith('explorer/')).length).toBeGreaterThanOrEqual(10);
    expect(readme.length).toBeGreaterThanOrEqual(3);
  });

  it.each([...operations.map((o, i) => [`${o.file} ${o.name}`, saved[i]]), ...readme.map((s, i) => [`README example ${i + 1}`, s])])(
    '%s is valid against the schema', (_name, document) => {
      expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
    });
});
