import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_NODE_ARGS, ProvinceRegistry } from '@yrd/domain';
import { deployDirectory, generatedFiles, staleFiles, writeGeneratedFiles } from './generatedFiles';

const files = generatedFiles(new ProvinceRegistry());

describe('the committed deployment files', () => {
  it.each(files.map((f) => [f.path, f] as const))('docker/%s is what the generator writes from the province folders', (path, file) => {
    const committed = join(deployDirectory(), path);
    const text = existsSync(committed) ? readFileSync(committed, 'utf8') : null;
    if (text !== file.content) {
      throw new Error(`docker/${path} is ${text === null ? 'missing' : 'not as generated'}: run npm run generate:deploy (and commit the result)`);
    }
  });

  it('say they are generated, and by what', () => {
    for (const f of files) expect(f.content).toContain('npm run generate:deploy');
  });

  it('and the files that cannot import it start the gateway with GATEWAY_NODE_ARGS too: the image and its package', () => {
    const dockerfile = readFileSync(join(deployDirectory(), 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`CMD ${JSON.stringify(['node', ...GATEWAY_NODE_ARGS, 'gateway/dist/main.js']).replace(/,/g, ', ')}`);
    const gatewayPackage = JSON.parse(readFileSync(join(deployDirectory(), '..', 'gateway', 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(gatewayPackage.scripts.start).toBe(['node', ...GATEWAY_NODE_ARGS, 'dist/main.js'].join(' '));
  });
});

describe('writing and checking', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'yrd-deploy-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file, then finds none stale; a changed file is named, and written again', () => {
    expect(staleFiles(dir, files)).toEqual(files.map((f) => f.path));
    expect(writeGeneratedFiles(dir, files)).toEqual(files.map((f) => f.path));
    expect(staleFiles(dir, files)).toEqual([]);
    expect(statSync(join(dir, 'mariadb-init/10-province-users.sh')).mode & 0o111).not.toBe(0);
    writeFileSync(join(dir, 'docker-compose.yml'), 'edited by hand\n');
    expect(staleFiles(dir, files)).toEqual(['docker-compose.yml']);
    expect(writeGeneratedFiles(dir, files)).toEqual(['docker-compose.yml']);
    expect(staleFiles(dir, files)).toEqual([]);
  });
});
