import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A port free on loopback now, for a service that must come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A child's environment: this process's, on loopback, with `env` over it. An empty value removes the variable (the
 * tests' JWT_SECRET, say, for a child that must run on the embedded default).
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', ...env };
  for (const [key, value] of Object.entries(env)) if (value === '') delete merged[key];
  return merged;
}

export interface ChildService {
  readonly url: string;
  readonly process: ChildProcess;
  /** kill -9: no shutdown, sockets dropped as by a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a service's script as its own process on loopback and resolves once it prints its `ready` line (runService);
 * rejects with its `fatal` line, or after `timeoutMs`. `nodeArgs` are Node's own options (the gateway's heap).
 */
export function startChildService(
  script: string, args: readonly string[], env: Record<string, string>, timeoutMs = 20_000, nodeArgs: readonly string[] = [],
): Promise<ChildService> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const end = async (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    };
    const timer = setTimeout(() => {
      void end('SIGKILL');
      reject(new Error(`${script} was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const errors: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => errors.push(line));
    createInterface({ input: child.stdout }).on('line', (line) => {
      // YRD_VERBOSE=1 shows every child's log beside the test's.
      if (process.env.YRD_VERBOSE) console.log(line);
      if (line.includes('"level":"fatal"')) errors.push(line);
      if (!line.includes('"msg":"ready"')) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({ url, process: child, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready: ${errors.slice(-3).join(' ')}`));
    });
  });
}
