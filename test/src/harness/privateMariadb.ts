import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './childService';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

/** A MariaDB server of a test's own, on a loopback port and a data folder of its own, that it may crash and restart. */
export interface PrivateMariadb {
  /**
   * mysql://root@127.0.0.1:<port> (root with no password: the server listens on loopback only and lives for one test),
   * or mysql://root@<host>:<port> for a server on a test network's host (see PrivateMariadbOptions).
   */
  readonly databaseUrl: string;
  /** kill -9: the server dies as in a crash, every connection dropped; its data stays for the restart. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data (InnoDB recovers what was committed); resolves once it accepts connections. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether this machine has the MariaDB server binaries (Debian's mariadb-server). */
export const hasMariadbServer = () => existsSync(MARIADBD) && existsSync(INSTALL_DB);

const accepting = (port: number, host: string) => new Promise<boolean>((resolve) => {
  const socket = connect(port, host);
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

/** Where the server runs when not on this machine's loopback: a host of a test network (networkHosts.ts). */
export interface PrivateMariadbOptions {
  /** The address it listens on (and only there); root may connect from any address that reaches it. */
  readonly host: string;
  readonly port: number;
  /** Starts the server's process (in the host's network namespace, say) instead of spawning it here. */
  spawn(command: string, args: readonly string[]): ChildProcess;
}

/**
 * Without options, on loopback (as every caller had it). With `network`, on a test network's host: it listens on
 * that host's address, resolves no client's name, and lets root in from the network's other hosts (an init file, run
 * at each start, adds root@'%' with no password: the server lives for one test on a network of the test's own).
 */
export async function startPrivateMariadb(network?: PrivateMariadbOptions): Promise<PrivateMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-mariadb-'));
  const dataDir = join(dir, 'data');
  await promisify(execFile)(INSTALL_DB, ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal',
    '--skip-test-db', '--user=root'], { timeout: 60_000 });
  const host = network?.host ?? '127.0.0.1';
  const port = network?.port ?? await freePort();
  const networkArgs: string[] = [];
  if (network) {
    const initFile = join(dir, 'init.sql');
    // One statement a line: the server reads its init file line by line.
    writeFileSync(initFile, "CREATE USER IF NOT EXISTS 'root'@'%';\nGRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;\n");
    networkArgs.push('--skip-name-resolve', `--init-file=${initFile}`);
  }
  let server: ChildProcess | null = null;
  const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const start = async () => {
    const args = ['--no-defaults', `--datadir=${dataDir}`, `--port=${port}`, `--bind-address=${host}`,
      `--socket=${join(dir, 'mysqld.sock')}`, `--pid-file=${join(dir, 'mysqld.pid')}`, '--user=root', '--skip-log-bin',
      '--innodb-buffer-pool-size=64M', '--innodb-lock-wait-timeout=5', '--max-connections=200', ...networkArgs];
    const child = network ? network.spawn(MARIADBD, args) : spawn(MARIADBD, args, { stdio: 'ignore' });
    server = child;
    const deadline = Date.now() + 30_000;
    while (!(await accepting(port, host))) {
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
    databaseUrl: `mysql://root@${host}:${port}`,
    crash: () => end('SIGKILL'),
    start,
    async stop() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
