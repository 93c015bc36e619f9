import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readProvinceServices } from '@yrd/domain';
import { childEnv, freePort } from './childService';
import { REPO_ROOT } from './startTestProvince';

/** `npm start` as it runs: its script's output so far (every line), and each service's process id as last started. */
export interface StartedPlatform {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: readonly string[];
  readonly pids: Readonly<Record<string, number>>;
}

/**
 * `npm start`'s script on free ports and a fresh data folder, on its embedded default; resolves the gateway URL.
 * `root`: the repository to start (a copy with another province folder, say); its province folders give the ports.
 */
export async function startPlatform(dataDir: string, root = REPO_ROOT): Promise<StartedPlatform> {
  const provinces = readProvinceServices(join(root, 'subgraphs')).map((s) => s.code);
  const ports = Object.fromEntries(await Promise.all(['GATEWAY', 'REGION', 'WEBHOOKS', ...provinces]
    .map(async (name) => [`${name}_PORT`, String(await freePort())] as const)));
  const child = spawn(process.execPath, [join(root, 'test/dist/start.js')], {
    env: childEnv({ ...ports, DATA_DIR: dataDir, JWT_SECRET: '', WEBHOOK_TOKEN_SECRET: '', DATABASE_URL: '', LOG_LEVEL: 'warn' }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const pids: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not up: nothing of it is left running.
      child.kill('SIGKILL');
      reject(new Error(`npm start was not up within 60 s: ${output.slice(-5).join(' | ')}`));
    }, 60_000);
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const started = /^(\w+)\s+ready (?:again )?at \S+ \(pid (\d+)\)/.exec(line);
      if (started) pids[started[1]] = Number(started[2]);
      const ready = /^gateway\s+ready at (\S+)/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolve({ url: ready[1], child, output, pids });
      }
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${output.slice(-5).join(' | ')}`)));
  });
}

/** Debian's Chromium's flags for a headless test that talks to no one but the page's own host. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Stops `npm start` as Ctrl-C does (SIGTERM, which stops every service), and kills it if it is not gone in 10 s. */
export async function stopPlatform(platform: Pick<StartedPlatform, 'child'> | undefined): Promise<void> {
  const { child } = platform ?? {};
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
