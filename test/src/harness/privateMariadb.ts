import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './childService';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

/** A MariaDB server of a test's own, on a loopback port and a data folder of its own, that it may crash and restart. */
export interface PrivateMariadb {
  /** mysql://root@127.0.0.1:<port> (root with no password: the server listens on loopback only and lives for one test). */
  readonly databaseUrl: string;
  /** kill -9: the server dies as in a crash, every connection dropped; its data stays for the restart. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data (InnoDB recovers what was committed); resolves once it accepts connections. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether this machine has the MariaDB server binaries (Debian's mariadb-server). */
export const hasMariadbServer = () => existsSync(MARIADBD) && existsSync(INSTALL_DB);

const accepting = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

export async function startPrivateMariadb(): Promise<PrivateMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-mariadb-'));
  const dataDir = join(dir, 'data');
  await promisify(execFile)(INSTALL_DB, ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal',
    '--skip-test-db', '--user=root'], { timeout: 60_000 });
  const port = await freePort();
  let server: ChildProcess | null = null;
  const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const start = async () => {
    const child = spawn(MARIADBD, ['--no-defaults', `--datadir=${dataDir}`, `--port=${port}`, '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`, `--pid-file=${join(dir, 'mysqld.pid')}`, '--user=root', '--skip-log-bin',
      '--innodb-buffer-pool-size=64M', '--innodb-lock-wait-timeout=5', '--max-connections=200'], { stdio: 'ignore' });
    server = child;
    const deadline = Date.now() + 30_000;
    while (!(await accepting(port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the private MariaDB server did not start (see ${dataDir})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const end = async (signal: NodeJS.Signals) => {
    const child = server;
    server = null;
    if (!child) return;
    child.kill(signal);
    await exited(child);
  };
  await start();
  return {
    databaseUrl: `mysql://root@127.0.0.1:${port}`,
    crash: () => end('SIGKILL'),
    start,
    async stop() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
