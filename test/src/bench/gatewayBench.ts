#!/usr/bin/env node
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_NODE_ARGS, provinceServices, ProvinceRegistry } from '@yrd/domain';
import { commandLine, postJson, repositoryRoot, usageError } from '@yrd/service';
import { generateSeed } from '@yrd/province';
import { SUPERGRAPH_FILE } from '@yrd/gateway';
import {
  analyst, bearer, freePort, officeOf, operationsServed, startChildService, startProvinceProcess, startWebhooksProcess, testDatabase, testToken, type ChildService,
  type ProvinceProcess,
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
 * @apollo/gateway on @apollo/server with default settings, and Hive Gateway. The questions are hundreds of distinct
 * operations drawn from the whole data set (every port by its code, pages of every size, routes into and initiatives
 * led by each province, aggregates of every month), sent with several tokens; every contender's answers are checked
 * against plain Apollo's before anything is measured. Then `--connections` levels of concurrent clients, each for
 * `--duration` seconds per contender and round, on the reads, and on the reads with one write in twenty, with a
 * staleness check after every write.
 *   npm run bench -- --scale 100 --duration 10 --connections 1,4,16
 * Every server runs as its own process; the load comes from this one. Bounded in time; stops by itself.
 */
const USAGE = `usage: node test/dist/bench/gatewayBench.js [--scale 100] [--duration 10] [--warmup 5] [--connections 1,4,16]
         [--write-connections 4,16] [--rounds 3] [--subscribers 100,1000 | 0] [--webhooks 100 | 0] [--out file.json]

Gateways side by side on the same subgraphs and synthetic data: ours, a plain @apollo/gateway and Hive Gateway, on
reads and on reads with writes; then subscriptions through ours, then webhooks against WebSocket subscribers.
  --scale N              synthetic records per province and kind, 1..10000 (default 100)
  --duration S           seconds measured per contender and round, 1..120 (default 10)
  --warmup S             seconds of warm-up before (default 5)
  --connections N,M      concurrent clients on the reads, one run per number, each 1..256, at most 4 (default 1,4,16)
  --write-connections N  the same for the mix with writes (one operation in 20 a write); 0 for none (default 4,16)
  --rounds N             rounds taking the contenders in turn, 1..9 (default 3)
  --subscribers N,M      subscription runs of up to 5000 subscribers each, at most two; 0 for none (default 100,1000)
  --webhooks N           webhook endpoints (and as many WebSocket subscribers) on the same events, up to 500; 0 for none
                         (default 100)
  --out FILE             where to write the results (default .data/bench/gateways-<time>.json)`;
const { values } = commandLine(USAGE, {
  scale: { type: 'string', default: '100' },
  duration: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '5' },
  connections: { type: 'string', default: '1,4,16' },
  'write-connections': { type: 'string', default: '4,16' },
  rounds: { type: 'string', default: '3' },
  subscribers: { type: 'string', default: '100,1000' },
  webhooks: { type: 'string', default: '100' },
  out: { type: 'string' },
});
const scale = Number(values.scale);
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const levels = (text: string) => (text === '0' ? [] : text.split(',').map(Number));
const readLevels = levels(values.connections);
const writeLevels = levels(values['write-connections']);
const rounds = Number(values.rounds);
const subscriberCounts = values.subscribers === '0' ? [] : values.subscribers.split(',').map(Number);
const webhookEndpoints = Number(values.webhooks);
if (!(scale >= 1 && scale <= 10_000) || !(durationMs > 0 && durationMs <= 120_000) || !(warmupMs >= 0 && warmupMs <= 60_000)
  || !readLevels.length || [readLevels, writeLevels].some((l) => l.length > 4 || l.some((n) => !Number.isInteger(n) || n < 1 || n > 256))
  || !(rounds >= 1 && rounds <= 9)
  || subscriberCounts.length > 2 || subscriberCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 5000)
  || !(Number.isInteger(webhookEndpoints) && webhookEndpoints >= 0 && webhookEndpoints <= 500)) {
  usageError('an option is out of its range', USAGE);
}

const registry = new ProvinceRegistry();
const PROVINCES = provinceServices().map((s) => s.code);
type Seed = ReturnType<typeof generateSeed>;

/** One question of the mix: a named operation and its variables. */
interface Question {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/**
 * Every question the data set allows, in a fixed shuffled order: each port of each province by its code (with its
 * terminals and latest capacity), pages of ports of every size from 5 to 30, routes into each province and
 * initiatives led by each (pages of several sizes), and the regional aggregates of every month the seed holds.
 */
function questionsOf(seeds: Readonly<Record<string, Seed>>): Question[] {
  const questions: Question[] = [];
  for (const province of PROVINCES) {
    const field = registry.names(province).field;
    const query = `query PortByCode($code: ID!) { ${field} { port(code: $code) { code nameEn openingStatus
      latestCapacity { agency period throughputTeu } terminals { nodes { nameEn designCapacity } } } } }`;
    for (const port of seeds[province].ports) questions.push({ name: 'PortByCode', query, variables: { code: port.code } });
  }
  for (let first = 5; first <= 30; first++) {
    questions.push({ name: 'PortsPage', variables: { first }, query: `query PortsPage($first: Int!) { ports(first: $first) {
      nodes { code province nameEn openingStatus latestCapacity { agency period throughputTeu } } } }` });
  }
  for (const province of PROVINCES) {
    for (let first = 5; first <= 20; first++) {
      questions.push({ name: 'RoutesIntoProvince', variables: { province, first }, query: `query RoutesIntoProvince($province: Province!, $first: Int!) {
        routes(first: $first, filter: { toProvinces: [$province] }) { nodes { id carrier mode origin { code nameEn } destination { code nameEn province } } } }` });
    }
    for (let first = 3; first <= 10; first++) {
      questions.push({ name: 'InitiativesWithCommitments', variables: { lead: province, first }, query: `query InitiativesWithCommitments($lead: Province!, $first: Int!) {
        initiatives(first: $first, filter: { leads: [$lead] }) { nodes { id title lead commitments { province summary status } pendingPartners } } }` });
    }
  }
  const months = [...new Set(PROVINCES.flatMap((p) => seeds[p].capacity.map((c) => c.period)))].sort();
  for (const period of months) {
    questions.push({ name: 'RegionalAggregates', variables: { period }, query: `query RegionalAggregates($period: YearMonth!) {
      regionalCapacity(period: $period) { region { throughputTeu designCapacityTeu } }
      clearanceTimes(period: $period) { region { averageImportClearanceHours p90ImportClearanceHours } } }` });
  }
  // A fixed shuffle (a linear congruential sequence), so that neighbouring requests ask different things.
  let state = 2006;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = questions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [questions[i], questions[j]] = [questions[j], questions[i]];
  }
  return questions;
}

/** The readers' tokens, taken in turn: analysts and partners of several systems. */
const READERS = [
  ...[1, 2, 3, 4].map((i) => bearer(testToken({ sub: `bench-analyst-${i}`, role: 'analyst' }))),
  ...[1, 2].map((i) => bearer(testToken({ sub: `bench-partner-${i}`, role: 'partner' }))),
];
const WRITER = officeOf('ZHEJIANG', 'bench@zhejiang');
/** Agencies a month after 2018 may name (inspection and quarantine merged into customs then). */
const WRITE_AGENCIES = ['CUSTOMS', 'MARITIME', 'BORDER_INSPECTION'];
/** Months from 2030-01 to 2100-12, three agencies each: the writes one run may make on one written port. */
const WRITES_PER_PORT = (2100 - 2030 + 1) * 12 * WRITE_AGENCIES.length;
const LATEST = `query LatestCapacity($code: ID!) { zhejiang { port(code: $code) { latestCapacity { agency period throughputTeu } } } }`;
const RECORD = `mutation Record($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`;

/** JSON with object keys sorted: two answers are the same when these are. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** The first path at which two answers differ, for the report. */
function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
}

interface Contender {
  readonly name: string;
  readonly url: string;
  readonly pid?: number;
}

/** The load generator's request: on a keep-alive pool that costs little CPU, which the contenders then share. */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = analyst): Promise<Record<string, unknown>> {
  const { status, text } = await postJson(url, JSON.stringify({ query, variables }), headers);
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (status !== 200 || body.errors?.length) throw new Error(`${status} ${body.errors?.[0]?.message ?? ''}`);
  return body.data ?? {};
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
  /** Where the writes go, one port after another as each one's months run out: ports on every page alike. */
  readonly writtenPorts: readonly string[];
}

/** Operations the region and the provinces have served so far (their yrd_graphql_requests_total), from /metrics. */
async function subgraphOperations(shared: Shared): Promise<number> {
  return (await Promise.all(shared.subgraphUrls.map(operationsServed))).reduce((a, b) => a + b, 0);
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** What a run asks: the questions (with each one's checked answer, by index), and whether one in twenty is a write. */
interface Plan {
  readonly questions: readonly Question[];
  readonly expected: readonly string[];
  readonly writes: boolean;
}

/** Writes made so far in this benchmark (each a new month of the written port: no two alike). */
let writesMade = 0;

/**
 * `connections` clients sending the plan's mix to a contender for `ms`, each as soon as its last answer came. Every
 * 50th read is checked against its answer; after each write, two reads that start after its answer (the writer's
 * own token and a reader's) must see it, or they are counted stale.
 */
async function run(contender: Contender, plan: Plan, connections: number, ms: number, latencies: number[] | null, writtenPorts: readonly string[]) {
  const counts = { done: 0, errors: 0, wrong: 0, writes: 0, staleChecks: 0, stale: 0, firstError: '' };
  let next = 0;
  const until = performance.now() + ms;
  const failed = (error: unknown) => {
    counts.errors++;
    counts.firstError ||= String((error as Error).message ?? error).slice(0, 160);
  };
  const write = async () => {
    const n = writesMade++;
    const writtenPort = writtenPorts[Math.floor(n / WRITES_PER_PORT)];
    if (!writtenPort) throw new Error('no months left to write in this run');
    const agency = WRITE_AGENCIES[n % WRITE_AGENCIES.length];
    const month = Math.floor((n % WRITES_PER_PORT) / WRITE_AGENCIES.length);
    const period = `${2030 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    await post(contender.url, RECORD, { input: { portCode: writtenPort, agency, period, throughputTeu: 1000 + n, clearance24x7: true } }, WRITER);
    counts.writes++;
    const seen = await Promise.all([WRITER, READERS[n % READERS.length]].map(async (token) => {
      const data = await post(contender.url, LATEST, { code: writtenPort }, token) as { zhejiang?: { port?: { latestCapacity: { agency: string; period: string }[] } } };
      // The write, or a later one of the same agency that another client made meanwhile.
      const latest = data.zhejiang?.port?.latestCapacity.find((c) => c.agency === agency)?.period;
      return latest !== undefined && latest >= period;
    }));
    counts.staleChecks += seen.length;
    counts.stale += seen.filter((s) => !s).length;
  };
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const i = next++;
      const started = performance.now();
      try {
        if (plan.writes && i % 20 === 19) {
          await write();
        } else {
          const index = i % plan.questions.length;
          const { query, variables } = plan.questions[index];
          const data = await post(contender.url, query, variables, READERS[i % READERS.length]);
          if (!plan.writes && i % 50 === 0 && canonical(data) !== plan.expected[index]) counts.wrong++;
        }
        latencies?.push(performance.now() - started);
        counts.done++;
      } catch (error) {
        failed(error);
      }
    }
  }));
  return counts;
}

async function measure(contender: Contender, plan: Plan, connections: number, shared: Shared) {
  await run(contender, plan, connections, warmupMs, null, shared.writtenPorts);
  const latencies: number[] = [];
  const cpu = cpuMeter({ gateway: contender.pid, ...shared.pids });
  const operationsBefore = await subgraphOperations(shared);
  const started = performance.now();
  const counts = await run(contender, plan, connections, durationMs, latencies, shared.writtenPorts);
  const seconds = (performance.now() - started) / 1000;
  const used = cpu();
  const done = counts.done;
  const subgraphRequestsPerRequest = (await subgraphOperations(shared) - operationsBefore) / Math.max(done, 1);
  latencies.sort((a, b) => a - b);
  // CPU ms per request in each process: where the two shared cores go (the gateway's share is its overhead).
  const perRequest = (names: readonly string[]) => {
    const ms = names.map((n) => used[n]);
    return ms.some((m) => m === null || m === undefined) ? null : (ms as number[]).reduce((a, b) => a + b, 0) / Math.max(done, 1);
  };
  const cpuMsPerRequest = {
    gateway: perRequest(['gateway']),
    region: perRequest(['region']),
    provinces: perRequest(Object.keys(shared.pids).filter((n) => n.startsWith('province:'))),
    client: perRequest(['client']),
    database: 'database' in shared.pids ? perRequest(['database']) : null,
  };
  return {
    contender: contender.name, connections, requests: done, ...counts, requestsPerSecond: done / seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    peakMemoryMiB: peakMemoryMiB(contender.pid), cpuMsPerRequest, subgraphRequestsPerRequest,
  };
}

async function main() {
  const limit = setTimeout(() => { console.error('stopped: the benchmark ran past its time limit'); process.exit(1); },
    (durationMs + warmupMs) * 4 * rounds * (readLevels.length + writeLevels.length) + 600_000);
  limit.unref();
  const db = testDatabase();
  const seedDir = mkdtempSync(join(tmpdir(), 'yrd-bench-seed-'));
  const seeds: Record<string, Seed> = {};
  for (const s of provinceServices()) {
    seeds[s.code] = generateSeed(registry, s.code, scale, 2006);
    writeFileSync(join(seedDir, `${s.code.toLowerCase()}.seed.json`), JSON.stringify(seeds[s.code]));
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
      { ...subgraphs, WEBHOOKS_URL: webhooks.url, RATE_LIMIT: 'off', PORT: String(oursPort) }, undefined, GATEWAY_NODE_ARGS);
    children.push(ours);
    const apollo = await startChildService(join(__dirname, 'plainApolloGateway.js'), [], { ...subgraphs, PORT: String(await freePort()) });
    children.push(apollo);
    const hive = await startHive(repositoryRoot(__dirname), supergraphFile, seedDir);
    stops.push(() => hive.stop());
    // The Zhejiang ports whose capacity the subscription runs and the writes write: the first the province publishes
    // for the subscriptions, and for the writes the others on the region's first page (the smallest page the mix
    // asks), so that every write voids every page alike, whichever port it goes to.
    const zhejiangField = registry.names('ZHEJIANG').field;
    const firstPorts = await post(urls.ZHEJIANG, `{ ${zhejiangField} { ports(first: 5) { nodes { code } } } }`) as Record<string, { ports: { nodes: { code: string }[] } }>;
    const [zhejiangPortCode, ...others] = firstPorts[zhejiangField].ports.nodes.map((n) => n.code);
    const firstPage = await post(region.url, '{ ports(first: 5) { nodes { code } } }') as { ports: { nodes: { code: string }[] } };
    const writtenPorts = others.filter((code) => firstPage.ports.nodes.some((n) => n.code === code));
    if (!writtenPorts.length) throw new Error('no Zhejiang port on the region\'s first page to write to');

    const shared: Shared = {
      subgraphUrls: [region.url, ...Object.values(urls)],
      pids: {
        region: region.process.pid, client: process.pid,
        ...Object.fromEntries(provinceServices().map((s) => [`province:${s.code}`, provinces[s.code].pid])),
        // The database server on this machine, when the provinces use one (its CPU is the provinces' SQL).
        ...(db.kind === 'mariadb' ? { database: pidOf('mariadbd', 'mysqld') } : {}),
      },
      writtenPorts,
    };
    const apolloContender: Contender = { name: '@apollo/gateway, defaults', url: apollo.url, pid: apollo.process.pid };
    const contenders: Contender[] = [
      { name: 'ours (@yrd/gateway)', url: ours.url, pid: ours.process.pid },
      apolloContender,
      { name: `Hive Gateway ${HIVE_VERSION}`, url: hive.url, pid: hive.pid },
    ];
    // The answers, checked first: every question asked of every contender (with the reader that will ask it), and
    // each answer compared with plain Apollo's. A question one contender cannot answer, or answers otherwise, is
    // left out for all of them, and said.
    const all = questionsOf(seeds);
    const excluded = new Map<string, string>();
    const expected: string[] = [];
    for (const [index, question] of all.entries()) {
      const reader = READERS[index % READERS.length];
      const answers = await Promise.all(contenders.map((c) => post(c.url, question.query, question.variables, reader)
        .then((data) => ({ data, error: null }), (error: unknown) => ({ data: null, error: String((error as Error).message).slice(0, 120) }))));
      const reference = answers[contenders.indexOf(apolloContender)];
      expected.push(canonical(reference.data));
      for (const [i, answer] of answers.entries()) {
        const why = answer.error ?? (reference.error ? `Apollo: ${reference.error}` : firstDifference(answer.data, reference.data));
        if (why && !excluded.has(`${question.name} ${JSON.stringify(question.variables)}`)) {
          excluded.set(`${question.name} ${JSON.stringify(question.variables)}`, `${contenders[i].name}: ${why}`);
        }
      }
    }
    const kept = all.map((q, i) => ({ q, answer: expected[i] })).filter(({ q }) => !excluded.has(`${q.name} ${JSON.stringify(q.variables)}`));
    const reads: Plan = { questions: kept.map((k) => k.q), expected: kept.map((k) => k.answer), writes: false };
    const withWrites: Plan = { ...reads, writes: true };
    const byName = (list: readonly Question[]) => Object.entries(list.reduce<Record<string, number>>((n, q) => ({ ...n, [q.name]: (n[q.name] ?? 0) + 1 }), {}))
      .map(([name, n]) => `${name} ${n}`).join(', ');
    console.log(`scale ${scale} (${db.kind}), ${rounds} rounds of ${durationMs / 1000} s each after ${warmupMs / 1000} s warm-up, ${READERS.length} readers' tokens`);
    console.log(`questions: ${all.length} distinct (${byName(all)}); every contender's answers equal plain Apollo's on ${kept.length}`);
    const reasons = new Map<string, number>();
    for (const why of excluded.values()) reasons.set(why.replace(/\d+/g, 'N').slice(0, 140), (reasons.get(why.replace(/\d+/g, 'N').slice(0, 140)) ?? 0) + 1);
    for (const [why, n] of reasons) console.log(`left out: ${n} question(s): ${why}`);
    if (!kept.length) throw new Error('no question answered alike by every contender');

    const table = (title: string, results: (Measured & { rounds: number[] })[]) => {
      const rpsOf = (prefix: string) => results.find((r) => r.contender.startsWith(prefix))?.requestsPerSecond ?? NaN;
      const ms = (v: number | null) => (v === null ? '-' : v.toFixed(2)).padStart(7);
      console.log(`\n${title}\ncontender                      req/s    p50 ms   p95 ms   p99 ms  peak MiB  errors  wrong  stale  vs apollo  vs hive | subgraph calls | CPU ms/request: gateway  region  provinces  client  database | req/s by round`);
      for (const r of results) {
        const c = r.cpuMsPerRequest;
        const stale = r.staleChecks ? `${r.stale}/${r.staleChecks}` : '-';
        console.log(`${r.contender.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${(r.peakMemoryMiB?.toFixed(0) ?? '-').padStart(9)} ${String(r.errors).padStart(7)} ${String(r.wrong).padStart(6)} ${stale.padStart(6)} ${(r.requestsPerSecond / rpsOf('@apollo')).toFixed(2).padStart(9)}x ${(r.requestsPerSecond / rpsOf('Hive')).toFixed(2).padStart(7)}x | ${r.subgraphRequestsPerRequest.toFixed(2).padStart(14)} |                 ${ms(c.gateway)} ${ms(c.region)}    ${ms(c.provinces)} ${ms(c.client)}   ${ms(c.database)} | ${r.rounds.join(' ')}`);
        if (r.firstError) console.log(`  first error: ${r.firstError}`);
      }
    };
    // Rounds take the contenders in turn, so that a slow spell of the machine falls on all of them; each contender's
    // figures are from its median round, with the spread of its rounds beside them.
    const rounded = async (plan: Plan, connections: number) => {
      const runs = new Map<string, Measured[]>(contenders.map((c) => [c.name, []]));
      // Every contender warmed once first, so that the first measured does not also warm the subgraphs for the rest.
      for (const contender of contenders) await run(contender, plan, connections, warmupMs, null, shared.writtenPorts);
      for (let round = 0; round < rounds; round++) {
        for (const contender of contenders) runs.get(contender.name)?.push(await measure(contender, plan, connections, shared));
      }
      return contenders.map((c) => {
        const sorted = [...(runs.get(c.name) ?? [])].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        return { ...median, rounds: sorted.map((r) => Math.round(r.requestsPerSecond)) };
      });
    };
    const results: { mix: string; connections: number; results: Awaited<ReturnType<typeof rounded>> }[] = [];
    for (const connections of readLevels) {
      const measured = await rounded(reads, connections);
      results.push({ mix: 'reads', connections, results: measured });
      table(`reads, ${connections} connection(s): ${reads.questions.length} distinct questions (every 50th answer checked: "wrong")`, measured);
    }
    // After the reads: the writes change the answers the reads were checked against.
    for (const connections of writeLevels) {
      const measured = await rounded(withWrites, connections);
      results.push({ mix: 'reads with writes', connections, results: measured });
      table(`reads with writes, ${connections} connection(s): one operation in 20 a capacity record written in Zhejiang, then two reads of it (the writer's token and a reader's) that must see it ("stale")`, measured);
    }
    // Subscriptions through our gateway (the others serve none): mutation-to-subscriber latency and deliveries.
    const subscriptions: Awaited<ReturnType<typeof measureSubscriptions>>[] = [];
    if (subscriberCounts.length) {
      console.log('\nsubscriptions through ours: 30 capacity records at 10/s, each event fetched from Zhejiang; "one": every');
      console.log('subscriber from the same cursor; "own": each resuming from a recent cursor of its own (see subscriptionLatency.ts)');
      console.log('subscribers  cursors   delivered/expected  lost  repeated  errors  out of order  live p50 ms  p99 ms  deliveries/s  catch-up p50 ms  p99 ms');
      let round = 0;
      for (const distinct of [false, true]) {
        for (const n of subscriberCounts) {
          const r = await measureSubscriptions(ours.url, { subscribers: n, mutations: 30, rate: 10, round: round++, selection: 'federated', portCode: zhejiangPortCode, distinct });
          subscriptions.push(r);
          const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));
          console.log(`${String(n).padStart(11)}  ${(distinct ? 'own' : 'one').padEnd(8)}  ${`${r.delivered}/${r.expected}`.padStart(18)}  ${String(r.lost).padStart(4)}  ${String(r.duplicates).padStart(8)}  ${String(r.errors).padStart(6)}  ${String(r.outOfOrder).padStart(12)}  ${ms(r.latencyMs.p50).padStart(11)}  ${ms(r.latencyMs.p99).padStart(6)}  ${r.eventsPerSecond.toFixed(0).padStart(12)}  ${ms(r.catchUpMs?.p50).padStart(15)}  ${ms(r.catchUpMs?.p99).padStart(6)}`);
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
    writeFileSync(out, JSON.stringify({
      at: new Date().toISOString(), scale, database: db.kind, rounds, durationMs, questions: all.length, kept: kept.length,
      excluded: Object.fromEntries(excluded), results, subscriptions, webhooks: webhookRuns,
    }, null, 2));
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
