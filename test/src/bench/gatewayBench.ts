#!/usr/bin/env node
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provinceServices, ProvinceRegistry } from '@yrd/domain';
import { commandLine, postJson, repositoryRoot, usageError } from '@yrd/service';
import { generateSeed } from '@yrd/province';
import { SUPERGRAPH_FILE } from '@yrd/gateway';
import {
  analyst, freePort, operationsServed, startChildService, startProvinceProcess, startWebhooksProcess, testDatabase, type ChildService, type ProvinceProcess,
} from '../harness';
import { cpuMeter, pidOf } from './processCpu';
import { measureSubscriptions, percentile } from './subscriptionLatency';
import { measureWebhooks } from './webhookDelivery';

const HIVE_VERSION = '2.15.1';

/**
 * Hive Gateway, installed on first use under .data/bench-tools (not a dependency of the platform: only the benchmark
 * runs it), as `hive-gateway supergraph <file>` with the caller's Authorization passed on to the subgraphs.
 */
async function startHive(root: string, supergraphFile: string, dir: string): Promise<{ url: string; pid?: number; stop(): Promise<void> }> {
  const tools = join(root, '.data/bench-tools');
  const bin = join(tools, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  if (!existsSync(bin)) {
    console.log(`installing @graphql-hive/gateway@${HIVE_VERSION} into ${tools} (once) ...`);
    mkdirSync(tools, { recursive: true });
    if (!existsSync(join(tools, 'package.json'))) writeFileSync(join(tools, 'package.json'), '{ "name": "bench-tools", "private": true }');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `@graphql-hive/gateway@${HIVE_VERSION}`], { cwd: tools, stdio: 'ignore', timeout: 300_000 });
  }
  writeFileSync(join(dir, 'gateway.config.mjs'), `export const gatewayConfig = {
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }) },
};\n`);
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1'],
    { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/healthcheck`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('Hive Gateway did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid, stop: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}

/**
 * Gateways side by side on the same subgraphs, supergraph and synthetic data, in one run: ours, a plain
 * @apollo/gateway on @apollo/server with default settings, Hive Gateway, and the floor (the same questions asked of the province
 * subgraphs directly, in parallel, with no gateway or region). A fixed mix of named domain operations is sent by
 * `--connections` concurrent clients for `--duration` seconds per contender, after a warm-up.
 *   npm run bench -- --scale 100 --duration 10 --connections 16
 * Every server runs as its own process; the load comes from this one. Bounded in time; stops by itself.
 */
const USAGE = `usage: node test/dist/bench/gatewayBench.js [--scale 100] [--duration 10] [--warmup 5] [--connections 16] [--rounds 3]
         [--subscribers 100,1000 | 0] [--webhooks 100 | 0] [--out file.json]

Gateways side by side on the same subgraphs and synthetic data: ours, a plain @apollo/gateway, Hive Gateway and the
floor (the provinces asked directly), then subscriptions through ours, then webhooks against WebSocket subscribers.
  --scale N          synthetic records per province and kind, 1..10000 (default 100)
  --duration S       seconds measured per contender and round, 1..120 (default 10)
  --warmup S         seconds of warm-up before (default 5)
  --connections N    concurrent clients, 1..256 (default 16)
  --rounds N         rounds taking the contenders in turn, 1..9 (default 3)
  --subscribers N,M  subscription runs of up to 5000 subscribers each, at most two; 0 for none (default 100,1000)
  --webhooks N       webhook endpoints (and as many WebSocket subscribers) on the same events, up to 500; 0 for none
                     (default 100)
  --out FILE         where to write the results (default .data/bench/gateways-<time>.json)`;
const { values } = commandLine(USAGE, {
  scale: { type: 'string', default: '100' },
  duration: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '5' },
  connections: { type: 'string', default: '16' },
  rounds: { type: 'string', default: '3' },
  subscribers: { type: 'string', default: '100,1000' },
  webhooks: { type: 'string', default: '100' },
  out: { type: 'string' },
});
const scale = Number(values.scale);
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const subscriberCounts = values.subscribers === '0' ? [] : values.subscribers.split(',').map(Number);
const webhookEndpoints = Number(values.webhooks);
if (!(scale >= 1 && scale <= 10_000) || !(durationMs > 0 && durationMs <= 120_000) || !(connections >= 1 && connections <= 256) || !(rounds >= 1 && rounds <= 9)
  || subscriberCounts.length > 2 || subscriberCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 5000)
  || !(Number.isInteger(webhookEndpoints) && webhookEndpoints >= 0 && webhookEndpoints <= 500)) {
  usageError('an option is out of its range', USAGE);
}

/**
 * The mix: named domain operations, each with variants chosen by a request counter (page sizes, months, provinces),
 * so that concurrent clients do not all ask the very same thing (which a gateway could answer with one fetch).
 * Lists are one page each: the size given, else the default page (20), which is also what the floor asks of each
 * province (the region asks every province for the page it was asked for, and merges).
 */
const PROVINCES = provinceServices().map((s) => s.code);
const MONTHS = ['2024-10', '2024-11', '2024-12'];
const OPERATIONS: Record<string, (i: number) => string> = {
  PortsWithCapacity: (i) => `query PortsWithCapacity { ports(first: ${10 + (i % 11)}) { nodes { code province nameEn openingStatus
    latestCapacity { agency period throughputTeu } terminals { nodes { nameEn designCapacity } } } } }`,
  RoutesIntoProvince: (i) => `query RoutesIntoProvince { routes(filter: { toProvinces: [${PROVINCES[i % PROVINCES.length]}] }) {
    nodes { id carrier mode origin { code nameEn } destination { code nameEn province } } } }`,
  InitiativesWithCommitments: (i) => `query InitiativesWithCommitments { initiatives(filter: { leads: [${PROVINCES[i % PROVINCES.length]}] }) {
    nodes { id title lead commitments { province summary status } pendingPartners } } }`,
  RegionalAggregates: (i) => `query RegionalAggregates {
    regionalCapacity(period: "${MONTHS[i % MONTHS.length]}") { region { throughputTeu designCapacityTeu } }
    clearanceTimes(period: "${MONTHS[i % MONTHS.length]}") { region { averageImportClearanceHours p90ImportClearanceHours } } }`,
};

type Send = (i: number) => Promise<void>;
interface Contender {
  readonly name: string;
  /** One request per operation of the mix (the floor's may be several requests). */
  readonly operations: Record<string, Send>;
  readonly pid?: number;
}

const registry = new ProvinceRegistry();

/** The load generator's request: on a keep-alive pool that costs little CPU, which the contenders then share. */
async function post(url: string, query: string): Promise<Record<string, unknown>> {
  const { status, text } = await postJson(url, JSON.stringify({ query }), analyst);
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (status !== 200 || body.errors?.length) throw new Error(`${status} ${body.errors?.[0]?.message ?? ''}`);
  return body.data ?? {};
}

const viaGateway = (name: string, url: string, pid?: number): Contender => ({
  name, pid,
  operations: Object.fromEntries(Object.entries(OPERATIONS).map(([op, query]) => [op, async (i: number) => { await post(url, query(i)); }])),
});

/**
 * The same questions asked of the provinces directly, all three at once: what the subgraphs alone cost. Routes into a
 * province are those whose destination is one of its ports in the directory, as the region asks.
 */
function floor(urls: Record<string, string>): Contender {
  const each = (query: (field: string, i: number) => string): Send => async (i) => {
    await Promise.all(provinceServices().map((s) => post(urls[s.code], query(registry.names(s.code).field, i))));
  };
  return {
    name: 'floor (subgraphs directly)',
    operations: {
      PortsWithCapacity: each((f, i) => `{ ${f} { ports(first: ${4 + (i % 4)}) { nodes { code nameEn openingStatus latestCapacity { agency period throughputTeu } terminals { nodes { nameEn designCapacity } } } } } }`),
      RoutesIntoProvince: each((f, i) => `{ ${f} { routes(filter: { destinationPortCodes: ${JSON.stringify(registry.portCodesOf(PROVINCES[i % PROVINCES.length]))} }) { nodes { id carrier mode origin { code nameEn } destination { code } } } } }`),
      InitiativesWithCommitments: async (i) => {
        const lead = PROVINCES[i % PROVINCES.length];
        await Promise.all(provinceServices().map((s) => post(urls[s.code], s.code === lead
          ? `{ ${registry.names(s.code).field} { initiatives { nodes { id title lead partners } } } }`
          : `{ ${registry.names(s.code).field} { commitments(filter: { leads: [${lead}] }) { nodes { initiative { id } province summary status } } } }`)));
      },
      RegionalAggregates: each((f, i) => {
        const month = MONTHS[i % MONTHS.length];
        return `{ ${f} { capacitySummaries(from: "${month}", to: "${month}") { throughputTeu designCapacityTeu } clearanceSamples(from: "${month}", to: "${month}", portKinds: [SEAPORT]) { importClearanceHours } } }`;
      }),
    },
  };
}


/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
function peakMemoryMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** What every contender shares: the subgraphs (their URLs), and the processes whose CPU is counted per request. */
interface Shared {
  readonly subgraphUrls: readonly string[];
  /** Region, provinces (`province:<CODE>`), this load generator and, on MariaDB, the database server. */
  readonly pids: Readonly<Record<string, number | undefined>>;
}

/** Operations the region and the provinces have served so far (their yrd_graphql_requests_total), from /metrics. */
async function subgraphOperations(shared: Shared): Promise<number> {
  return (await Promise.all(shared.subgraphUrls.map(operationsServed))).reduce((a, b) => a + b, 0);
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** `connections` clients sending the mix to a contender for `ms`, each as soon as its last answer came. */
async function run(contender: Contender, names: readonly string[], ms: number, latencies: number[] | null) {
  let errors = 0;
  let done = 0;
  const until = performance.now() + ms;
  await Promise.all(Array.from({ length: connections }, async (_, worker) => {
    for (let i = worker; performance.now() < until; i++) {
      const started = performance.now();
      try {
        await contender.operations[names[i % names.length]](Math.floor(i / names.length));
        latencies?.push(performance.now() - started);
        done++;
      } catch {
        errors++;
      }
    }
  }));
  return { done, errors };
}

async function measure(contender: Contender, names: readonly string[], shared: Shared) {
  await run(contender, names, warmupMs, null);
  const latencies: number[] = [];
  const cpu = cpuMeter({ gateway: contender.pid, ...shared.pids });
  const operationsBefore = await subgraphOperations(shared);
  const started = performance.now();
  const { done, errors } = await run(contender, names, durationMs, latencies);
  const seconds = (performance.now() - started) / 1000;
  const used = cpu();
  const subgraphRequestsPerRequest = (await subgraphOperations(shared) - operationsBefore) / Math.max(done, 1);
  latencies.sort((a, b) => a - b);
  // CPU ms per request in each process: where the two shared cores go (the gateway's share is its overhead).
  const perRequest = (names: readonly string[]) => {
    const ms = names.map((n) => used[n]);
    return ms.some((m) => m === null || m === undefined) ? null : (ms as number[]).reduce((a, b) => a + b, 0) / Math.max(done, 1);
  };
  const cpuMsPerRequest = {
    gateway: contender.pid ? perRequest(['gateway']) : 0,
    region: perRequest(['region']),
    provinces: perRequest(Object.keys(shared.pids).filter((n) => n.startsWith('province:'))),
    client: perRequest(['client']),
    database: 'database' in shared.pids ? perRequest(['database']) : null,
  };
  return {
    contender: contender.name, requests: done, errors, requestsPerSecond: done / seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    peakMemoryMiB: peakMemoryMiB(contender.pid), cpuMsPerRequest, subgraphRequestsPerRequest,
  };
}

async function main() {
  const limit = setTimeout(() => { console.error('stopped: the benchmark ran past its time limit'); process.exit(1); },
    (durationMs + warmupMs) * 7 * rounds + 300_000);
  limit.unref();
  const db = testDatabase();
  const seedDir = mkdtempSync(join(tmpdir(), 'yrd-bench-seed-'));
  for (const s of provinceServices()) {
    writeFileSync(join(seedDir, `${s.code.toLowerCase()}.seed.json`), JSON.stringify(generateSeed(registry, s.code, scale, 2006)));
  }
  const children: ChildService[] = [];
  const stops: (() => Promise<void>)[] = [];
  const provinces: Record<string, ProvinceProcess> = {};
  try {
    const ports = Object.fromEntries(await Promise.all(provinceServices().map(async (s) => [s.code, await freePort()] as const)));
    const urls = Object.fromEntries(provinceServices().map((s) => [s.code, `http://127.0.0.1:${ports[s.code]}/graphql`]));
    const peers = Object.fromEntries(provinceServices().map((s) => [`${s.code}_URL`, urls[s.code]]));
    // Three gateways share the subgraphs, one token each: the subgraphs' own rate limit would decide the race.
    const quiet = { LOG_LEVEL: 'warn', SUBGRAPH_RATE_LIMIT: 'off' };
    await Promise.all(provinceServices().map(async (s) => {
      provinces[s.code] = await startProvinceProcess(s.code, db, {
        port: ports[s.code], peers: { ...peers, SUBGRAPH_RATE_LIMIT: 'off' }, seedFile: join(seedDir, `${s.code.toLowerCase()}.seed.json`),
      });
    }));
    const region = await startChildService(join(repositoryRoot(__dirname), 'subgraphs/region/dist/main.js'), [],
      { ...peers, ...quiet, PORT: String(await freePort()) });
    children.push(region);
    // One supergraph file for every gateway, with the subgraphs' addresses in this run.
    const supergraphFile = join(seedDir, 'supergraph.graphql');
    // The webhooks service (its worker subscribes through ours) on a port chosen before ours starts.
    const oursPort = await freePort();
    const webhooks = await startWebhooksProcess(db, { ...quiet, GATEWAY_URL: `http://127.0.0.1:${oursPort}/graphql`, REGION_URL: region.url });
    children.push(webhooks);
    const addresses: Record<string, string> = { region: region.url, webhooks: webhooks.url, ...Object.fromEntries(provinceServices().map((s) => [registry.names(s.code).field, urls[s.code]])) };
    writeFileSync(supergraphFile, readFileSync(SUPERGRAPH_FILE, 'utf8')
      .replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (m: string, name: string) => (addresses[name] ? `@join__graph(name: "${name}", url: "${addresses[name]}")` : m)));
    const subgraphs = { ...peers, REGION_URL: region.url, ...quiet, SUPERGRAPH_FILE: supergraphFile };
    const ours = await startChildService(join(repositoryRoot(__dirname), 'gateway/dist/main.js'), [],
      { ...subgraphs, WEBHOOKS_URL: webhooks.url, RATE_LIMIT: 'off', PORT: String(oursPort) });
    children.push(ours);
    const apollo = await startChildService(join(__dirname, 'plainApolloGateway.js'), [], { ...subgraphs, PORT: String(await freePort()) });
    children.push(apollo);
    const hive = await startHive(repositoryRoot(__dirname), supergraphFile, seedDir);
    stops.push(() => hive.stop());
    // The Zhejiang port whose capacity the subscription runs write: the first the province publishes.
    const zhejiangField = registry.names('ZHEJIANG').field;
    const firstPort = await post(urls.ZHEJIANG, `{ ${zhejiangField} { ports(first: 1) { nodes { code } } } }`) as Record<string, { ports: { nodes: { code: string }[] } }>;
    const zhejiangPortCode = firstPort[zhejiangField].ports.nodes[0].code;

    const shared: Shared = {
      subgraphUrls: [region.url, ...Object.values(urls)],
      pids: {
        region: region.process.pid, client: process.pid,
        ...Object.fromEntries(provinceServices().map((s) => [`province:${s.code}`, provinces[s.code].pid])),
        // The database server on this machine, when the provinces use one (its CPU is the provinces' SQL).
        ...(db.kind === 'mariadb' ? { database: pidOf('mariadbd', 'mysqld') } : {}),
      },
    };
    const contenders = [
      viaGateway('ours (@yrd/gateway)', ours.url, ours.process.pid),
      viaGateway('@apollo/gateway, defaults', apollo.url, apollo.process.pid),
      viaGateway(`Hive Gateway ${HIVE_VERSION}`, hive.url, hive.pid),
      floor(urls),
    ];
    console.log(`scale ${scale} (${db.kind}), ${connections} connections, ${rounds} rounds of ${durationMs / 1000} s each after ${warmupMs / 1000} s warm-up; operations: ${Object.keys(OPERATIONS).join(', ')}`);
    // The common mix is what every contender answers correctly; an operation one of them cannot serve is left out of
    // it, and said. Those that serve every operation are then measured on the whole mix as well.
    const excluded: Record<string, string> = {};
    const partial = new Set<string>();
    for (const contender of contenders) {
      for (const op of Object.keys(OPERATIONS)) {
        for (let variant = 0; variant < 3; variant++) {
          await contender.operations[op](variant).catch((error: unknown) => {
            excluded[op] ??= `${contender.name}: ${String((error as Error).message).slice(0, 120)}`;
            partial.add(contender.name);
          });
        }
      }
    }
    const all = Object.keys(OPERATIONS);
    const mix = all.filter((op) => !excluded[op]);
    for (const [op, why] of Object.entries(excluded)) console.log(`left out of the common mix: ${op} (${why})`);
    const table = (title: string, results: (Measured & { rounds: number[] })[]) => {
      const apolloRps = results.find((r) => r.contender.startsWith('@apollo'))?.requestsPerSecond ?? NaN;
      const floorRps = results.find((r) => r.contender.startsWith('floor'))?.requestsPerSecond ?? NaN;
      const ms = (v: number | null) => (v === null ? '-' : v.toFixed(2)).padStart(7);
      console.log(`\n${title}\ncontender                      req/s    p50 ms   p95 ms   p99 ms  peak MiB  errors  vs apollo  vs floor | subgraph calls | CPU ms/request: gateway  region  provinces  client  database | req/s by round`);
      for (const r of results) {
        const c = r.cpuMsPerRequest;
        console.log(`${r.contender.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${(r.peakMemoryMiB?.toFixed(0) ?? '-').padStart(9)} ${String(r.errors).padStart(7)} ${(r.requestsPerSecond / apolloRps).toFixed(2).padStart(9)}x ${(r.requestsPerSecond / floorRps).toFixed(2).padStart(8)}x | ${r.subgraphRequestsPerRequest.toFixed(2).padStart(14)} |                 ${ms(c.gateway)} ${ms(c.region)}    ${ms(c.provinces)} ${ms(c.client)}   ${ms(c.database)} | ${r.rounds.join(' ')}`);
      }
    };
    // Rounds take the contenders in turn, so that a slow spell of the machine falls on all of them; each contender's
    // figures are from its median round, with the spread of its rounds beside them.
    const rounded = async (entrants: readonly Contender[], names: readonly string[]) => {
      const runs = new Map<string, Measured[]>(entrants.map((c) => [c.name, []]));
      // Every contender warmed once first, so that the first measured does not also warm the subgraphs for the rest.
      for (const contender of entrants) await run(contender, names, warmupMs, null);
      for (let round = 0; round < rounds; round++) {
        for (const contender of entrants) runs.get(contender.name)?.push(await measure(contender, names, shared));
      }
      return entrants.map((c) => {
        const sorted = [...(runs.get(c.name) ?? [])].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        return { ...median, rounds: sorted.map((r) => Math.round(r.requestsPerSecond)) };
      });
    };
    const common = await rounded(contenders, mix);
    table(`common mix (${mix.join(', ')}):`, common);
    let whole: Awaited<ReturnType<typeof rounded>> = [];
    if (mix.length < all.length) {
      whole = await rounded(contenders.filter((c) => !partial.has(c.name)), all);
      table(`whole mix (${all.join(', ')}), contenders that serve all of it:`, whole);
    }
    // Subscriptions through our gateway (the others serve none): mutation-to-subscriber latency and deliveries.
    const subscriptions: Awaited<ReturnType<typeof measureSubscriptions>>[] = [];
    if (subscriberCounts.length) {
      console.log('\nsubscriptions through ours: 30 capacity records at 10/s, each event fetched from Zhejiang; "shared": every');
      console.log('subscriber the same operation from the same cursor (one stream); "distinct": a cursor of its own each');
      console.log('subscribers  streams   delivered/expected  lost  p50 ms  p99 ms  deliveries/s');
      let round = 0;
      for (const distinct of [false, true]) {
        for (const n of subscriberCounts) {
          const r = await measureSubscriptions(ours.url, { subscribers: n, mutations: 30, rate: 10, round: round++, selection: 'federated', portCode: zhejiangPortCode, distinct });
          subscriptions.push(r);
          console.log(`${String(n).padStart(11)}  ${(distinct ? 'distinct' : 'shared').padEnd(8)}  ${`${r.delivered}/${r.expected}`.padStart(18)}  ${String(r.lost).padStart(4)}  ${r.latencyMs.p50.toFixed(1).padStart(6)}  ${r.latencyMs.p99.toFixed(1).padStart(6)}  ${r.eventsPerSecond.toFixed(0).padStart(12)}`);
        }
      }
    }
    const webhookRuns: Awaited<ReturnType<typeof measureWebhooks>>[] = [];
    if (webhookEndpoints) {
      console.log(`\nwebhooks through ours against WebSocket subscribers, the same events: ${webhookEndpoints} endpoints (partners of 20)`);
      console.log('and as many subscribers on Zhejiang\'s capacity changes, 30 records at 10/s, then at 3/s; lag from each event\'s commit');
      console.log('to its receipt');
      console.log('records/s  contender    delivered/expected  lost  p50 ms  p99 ms  deliveries/s');
      for (const [i, rate] of [10, 3].entries()) {
        const run = await measureWebhooks(ours.url, { endpoints: webhookEndpoints, mutations: 30, rate, round: 4 + i, portCode: zhejiangPortCode });
        webhookRuns.push(run);
        for (const [name, r] of [['webhooks', run.webhooks], ['WebSocket', run.webSocket]] as const) {
          console.log(`${String(rate).padStart(9)}  ${name.padEnd(11)}  ${`${r.delivered}/${r.expected}`.padStart(18)}  ${String(r.lost).padStart(4)}  ${r.lagMs.p50.toFixed(0).padStart(6)}  ${r.lagMs.p99.toFixed(0).padStart(6)}  ${r.eventsPerSecond.toFixed(0).padStart(12)}`);
        }
        console.log(`           payloads differing between the two: ${run.differing}; deliveries failing verification: ${run.unverified}`);
      }
    }
    const out = values.out ?? join(repositoryRoot(__dirname), '.data/bench', `gateways-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), scale, database: db.kind, connections, rounds, durationMs, mix, excluded, common, whole, subscriptions, webhooks: webhookRuns, operations: Object.fromEntries(Object.entries(OPERATIONS).map(([op, q]) => [op, q(0)])) }, null, 2));
    console.log(`\nresults: ${out}`);
  } finally {
    for (const stop of stops) await stop();
    for (const c of children.reverse()) await c.stop();
    await Promise.all(Object.values(provinces).map((p) => p.kill()));
    await db.drop([...provinceServices().map((s) => s.code), 'webhooks']);
    rmSync(seedDir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
