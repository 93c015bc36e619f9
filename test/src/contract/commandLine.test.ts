import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { provinceServices } from '@yrd/domain';
import { REPO_ROOT, childEnv, freePort, testDatabase } from '../harness';

/** Every command a user runs, built: `--help` prints its usage, a bad argument says what is wrong, never a stack trace. */
const COMMANDS = [
  'shared/service/dist/bin/token.js', 'shared/service/dist/bin/keys.js', 'shared/province/dist/bin/generate.js', 'shared/province/dist/bin/migrate.js', 'shared/province/dist/bin/province.js',
  'subgraphs/region/dist/main.js', 'subgraphs/webhooks/dist/main.js', 'gateway/dist/main.js', 'gateway/dist/bin/compose.js',
  'test/dist/start.js', 'test/dist/bench/gatewayBench.js', 'test/dist/bench/subscriptionLoad.js',
];
const run = (command: string, arg: string) => spawnSync(process.execPath, [join(REPO_ROOT, command), arg], {
  encoding: 'utf8', timeout: 20_000, env: { ...process.env, DATA_DIR: join(REPO_ROOT, '.data', 'cli-test') },
});
const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('every command line', () => {
  it.each(COMMANDS)('%s prints its usage for --help and exits 0', (command) => {
    const { status, stdout, stderr } = run(command, '--help');
    expect({ status, stdout: stdout.slice(0, 6), stderr }).toEqual({ status: 0, stdout: 'usage:', stderr: '' });
  });

  it.each(COMMANDS)('%s refuses an unknown option with its usage, exit 2, and no stack trace', (command) => {
    const { status, stderr } = run(command, '--no-such-option');
    expect(status).toBe(2);
    expect(stderr).toMatch(/Unknown option '--no-such-option'[\s\S]*usage:/);
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});

describe('npm start in a province folder', () => {
  it.each(provinceServices().map((s) => s.code.toLowerCase()))('serves %s on its own', async (province) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yrd-folder-start-'));
    const port = await freePort();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: join(REPO_ROOT, 'subgraphs', province), env: childEnv({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    const errors: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => errors.push(line));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready within 60 s: ${errors.slice(-3).join(' ')}`)), 60_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (!line.includes('"msg":"ready"')) return;
          clearTimeout(timer);
          resolve((JSON.parse(line) as { url: string }).url);
        });
        child.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${errors.slice(-3).join(' ')}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${port}/graphql`);
      const live = await fetch(new URL('/health/ready', url));
      expect(await live.json()).toEqual({ status: 'ready', service: province, checks: [{ name: 'database', status: 'up' }] });
    } finally {
      // npm, turbo's shell and the service: the whole group.
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('the migration step', () => {
  it('migrates and seeds each province\'s database once, so that replicas starting together never race to seed it', async () => {
    const db = testDatabase();
    const codes = provinceServices().map((s) => s.code);
    const migrate = () => {
      const { status, stdout, stderr } = spawnSync(process.execPath, [join(REPO_ROOT, 'shared/province/dist/bin/migrate.js')], {
        encoding: 'utf8', timeout: 60_000,
        env: childEnv({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', DATABASE_PREFIX: db.databasePrefix }),
      });
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      return stdout.split('\n').filter((l) => l.includes('"msg":"migrated"')).map((l) => JSON.parse(l) as { province: string; seeded: boolean });
    };
    try {
      expect(migrate().map((l) => [l.province, l.seeded])).toEqual(codes.map((c) => [c, true]));
      expect(migrate().map((l) => [l.province, l.seeded])).toEqual(codes.map((c) => [c, false]));
    } finally {
      await db.drop(codes);
    }
  }, 120_000);
});
