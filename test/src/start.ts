#!/usr/bin/env node
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GATEWAY_DEFAULT_PORT, GATEWAY_NODE_ARGS, provinceServices, ProvinceRegistry, REGION_DEFAULT_PORT, WEBHOOKS_DEFAULT_PORT } from '@yrd/domain';
import { commandLine, loadAuthenticator, repositoryRoot } from '@yrd/service';

/**
 * `npm start`: every service of the platform as its own process, on the embedded default (SQLite under DATA_DIR,
 * seeded on first run) unless DATABASE_URL is set. Prints each service's URL once it is ready; Ctrl-C stops all.
 * Ports: GATEWAY_PORT, REGION_PORT, WEBHOOKS_PORT, <PROVINCE>_PORT (ZHEJIANG_PORT, ...).
 */
commandLine(`usage: npm start

Starts every service of the platform as its own process (each province, the region, the webhooks, the gateway)
and prints each one's URL, tokens to try, and the explorer's address; a service that exits is started again (after
1 s, 2 s, 4 s ..., at most 30 s) while the others go on; Ctrl-C stops them all. On the embedded default
(SQLite under DATA_DIR, seeded on first run) unless DATABASE_URL is set. Ports: GATEWAY_PORT, REGION_PORT,
WEBHOOKS_PORT, <PROVINCE>_PORT (ZHEJIANG_PORT, ...); SEED_DIR: synthetic seeds from npm run generate.`, {});
const root = repositoryRoot(__dirname);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.DATA_DIR ?? join(root, '.data');
const portOf = (name: string, fallback: number) => Number(process.env[`${name.toUpperCase()}_PORT`] ?? fallback);
const urlOf = (port: number) => `http://${host}:${port}/graphql`;

interface Service {
  name: string; script: string; args: string[]; port: number; env: Record<string, string>;
  /** Node's own options, before the script. */
  nodeArgs?: readonly string[];
  /** The running process's id, once started. */
  pid?: () => number | undefined;
}

const provinceUrls: Record<string, string> = Object.fromEntries(provinceServices().map((p) => [`${p.code}_URL`, urlOf(portOf(p.code, p.defaultPort))]));
const provinces: Service[] = provinceServices().map((p) => ({
  name: p.code.toLowerCase(), script: join(root, 'shared/province/dist/bin/province.js'),
  args: [join(root, 'subgraphs', p.code.toLowerCase())], port: portOf(p.code, p.defaultPort),
  // Its peers' URLs: a lead province asks its partners for their commitments (Initiative.commitments, pendingPartners).
  // SEED_DIR: synthetic seeds from `npm run generate`, one <province>.seed.json each.
  env: { ...provinceUrls, ...(process.env.SEED_DIR ? { SEED_FILE: join(process.env.SEED_DIR, `${p.code.toLowerCase()}.seed.json`) } : {}) },
}));
const region: Service = {
  name: 'region', script: join(root, 'subgraphs/region/dist/main.js'), args: [], port: portOf('region', REGION_DEFAULT_PORT),
  env: provinceUrls,
};
const gatewayUrl = urlOf(portOf('gateway', GATEWAY_DEFAULT_PORT));
const webhooks: Service = {
  name: 'webhooks', script: join(root, 'subgraphs/webhooks/dist/main.js'), args: [], port: portOf('webhooks', WEBHOOKS_DEFAULT_PORT),
  // Its worker subscribes through the gateway; a webhook registered without a cursor starts at the region's.
  env: { GATEWAY_URL: gatewayUrl, REGION_URL: urlOf(portOf('region', REGION_DEFAULT_PORT)) },
};
const gateway: Service = {
  name: 'gateway', script: join(root, 'gateway/dist/main.js'), args: [], nodeArgs: GATEWAY_NODE_ARGS, port: portOf('gateway', GATEWAY_DEFAULT_PORT),
  env: { ...provinceUrls, REGION_URL: urlOf(portOf('region', REGION_DEFAULT_PORT)), WEBHOOKS_URL: urlOf(webhooks.port) },
};

const children = new Set<ChildProcess>();
let stopping = false;

function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('stopping every service ...');
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  if (!alive.length) process.exit(code);
  let left = alive.length;
  for (const child of alive) {
    child.once('exit', () => { if (--left === 0) process.exit(code); });
    child.kill('SIGTERM');
  }
  setTimeout(() => { for (const c of alive) c.kill('SIGKILL'); process.exit(code); }, 5000).unref();
}

/** The longest wait before a restart; a service that ran this long since its last start begins again from 1 s. */
const MAX_BACKOFF_MS = 30_000;
const STEADY_MS = 60_000;

/**
 * Runs one service and resolves with its URL once it first says it is ready; rejects (and stops the platform) if it
 * exits before that, saying why. Once it was ready, an exit is a crash to recover from: the service is started again
 * after 1 s, 2 s, 4 s ... (at most 30 s), with a line saying so, while the others go on (partial results).
 */
function start(service: Service): Promise<string> {
  return new Promise((resolve, reject) => {
    let everReady = false;
    let backoffMs = 1000;
    const run = () => {
      const startedAt = Date.now();
      const child = spawn(process.execPath, [...(service.nodeArgs ?? []), service.script, ...service.args], {
        env: { ...process.env, ...service.env, HOST: host, PORT: String(service.port), DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let lastError = '';
      const read = (line: string, isError: boolean) => {
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string; level?: string };
          if (entry.msg === 'ready' && entry.url) {
            if (!everReady) resolve(entry.url);
            else console.log(`${service.name.padEnd(9)} ready again at ${entry.url} (pid ${child.pid})`);
            everReady = true;
          }
          if (entry.level === 'fatal' || entry.level === 'error') lastError = entry.msg ?? line;
        } catch {
          if (isError && line.trim()) lastError = line;
        }
        if (process.env.YRD_VERBOSE) console.log(`[${service.name}] ${line}`);
      };
      createInterface({ input: child.stdout! }).on('line', (l) => read(l, false));
      createInterface({ input: child.stderr! }).on('line', (l) => read(l, true));
      child.once('exit', (code, signal) => {
        children.delete(child);
        if (stopping) return;
        const why = lastError.includes('EADDRINUSE')
          ? `port ${service.port} is already in use (set ${service.name.toUpperCase()}_PORT to use another)`
          : lastError || `exited with ${signal ?? code}`;
        if (!everReady) {
          console.error(`${service.name}: ${why}`);
          reject(new Error(`${service.name} did not start`));
          stopAll(1);
          return;
        }
        if (Date.now() - startedAt > STEADY_MS) backoffMs = 1000;
        console.log(`${service.name.padEnd(9)} ${why}: restarting in ${backoffMs / 1000} s (the others go on)`);
        setTimeout(() => { if (!stopping) run(); }, backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      });
      service.pid = () => child.pid;
    };
    run();
  });
}

async function main() {
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
  const began = Date.now();
  console.log(`data: ${process.env.DATABASE_URL ? 'DATABASE_URL (MySQL/MariaDB)' : `embedded SQLite under ${dataDir}`}`);
  // Before the services start, so that they all read the one development key it may create.
  const authenticator = loadAuthenticator(dataDir, new ProvinceRegistry().codes);
  const ready = (service: Service) => (url: string) => console.log(`${service.name.padEnd(9)} ready at ${url} (pid ${service.pid?.()})`);
  await Promise.all(provinces.map((p) => start(p).then(ready(p))));
  await Promise.all([start(region).then(ready(region)), start(webhooks).then(ready(webhooks))]);
  const url = await start(gateway);
  ready(gateway)(url);
  const tokens = {
    analyst: await authenticator.issue({ subject: 'analyst', role: 'analyst' }),
    partner: await authenticator.issue({ subject: 'partner', role: 'partner' }),
    'office ZHEJIANG': await authenticator.issue({ subject: 'office@zhejiang', role: 'office', province: 'ZHEJIANG' }),
  };
  console.log(`\nTokens for 12 hours (npm run token -- office SHANGHAI | partner | analyst prints more):`);
  for (const [who, token] of Object.entries(tokens)) console.log(`  ${who.padEnd(15)} ${token}`);
  const explorer = new URL('/explorer/', url).toString();
  console.log(`\nExplorer: ${explorer}${authenticator.development ? ' (opens with an analyst token)' : ''}`);
  console.log(`\nThe platform is up in ${((Date.now() - began) / 1000).toFixed(1)} s. Try:\n  curl -s ${url} -H 'content-type: application/json' \\\n    -H "authorization: Bearer ${tokens.analyst}" \\\n    -d '{"query":"{ ports(first: 5) { nodes { code province nameEn } } }"}'\nCtrl-C stops every service.`);
}

main().catch(() => stopAll(1));
