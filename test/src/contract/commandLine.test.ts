import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness';

/** Every command a user runs, built: `--help` prints its usage, a bad argument says what is wrong, never a stack trace. */
const COMMANDS = [
  'shared/service/dist/bin/token.js', 'shared/service/dist/bin/keys.js', 'shared/province/dist/bin/generate.js', 'shared/province/dist/bin/migrate.js', 'shared/province/dist/bin/province.js',
  'subgraphs/region/dist/main.js', 'gateway/dist/main.js', 'gateway/dist/bin/compose.js',
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
