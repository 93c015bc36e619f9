#!/usr/bin/env node
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROVINCE_SERVICES, ProvinceRegistry, generateSeed, repositoryRoot } from '@yrd/shared';
import { SUPERGRAPH_FILE } from '@yrd/gateway';
import {
  analyst, freePort, startChildService, startProvinceProcess, testDatabase, type ChildService, type ProvinceProcess,
} from '../harness';

/**
 * Gateways side by side on the same subgraphs, supergraph and synthetic data, in one run: ours, a plain
 * @apollo/gateway on @apollo/server with default settings, and the floor (the same questions asked of the province
 * subgraphs directly, in parallel, with no gateway or region). A fixed mix of named domain operations is sent by
 * `--connections` concurrent clients for `--duration` seconds per contender, after a warm-up.
 *   npm run bench -- --scale 100 --duration 10 --connections 16
 * Every server runs as its own process; the load comes from this one. Bounded in time; stops by itself.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    out: { type: 'string' },
  },
});
const scale = Number(values.scale);
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const connections = Number(values.connections);
if (!(scale >= 1 && scale <= 10_000) || !(durationMs > 0 && durationMs <= 120_000) || !(connections >= 1 && connections <= 256)) {
  console.error('usage: --scale 1..10000 --duration 1..120 (s) --warmup s --connections 1..256 [--out file.json]');
  process.exit(2);
}

const OPERATIONS: Record<string, string> = {
  PortsWithCapacity: `query PortsWithCapacity { ports(first: 20) { nodes { code province nameEn openingStatus
    latestCapacity { agency period throughputTeu } terminals { name designCapacity } } } }`,
  RoutesIntoShanghai: `query RoutesIntoShanghai { routes(filter: { toProvinces: [SHANGHAI] }) {
    id carrier mode origin { code nameEn } destination { code nameEn province } } }`,
  InitiativesWithCommitments: `query InitiativesWithCommitments { initiatives { id title lead commitments { province summary status } } }`,
  RegionalAggregates: `query RegionalAggregates {
    regionalCapacity(period: "2024-12") { region { throughputTeu designCapacityTeu } }
    clearanceTimes(period: "2024-12") { region { averageImportHours p90ImportHours } } }`,
};

type Send = () => Promise<void>;
interface Contender {
  readonly name: string;
  /** One request per operation of the mix (the floor's may be several requests). */
  readonly operations: Record<string, Send>;
  readonly pid?: number;
}

const registry = new ProvinceRegistry();
const headers = { 'content-type': 'application/json', ...analyst };

async function post(url: string, query: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  const body = await res.json() as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (!res.ok || body.errors?.length) throw new Error(`${res.status} ${body.errors?.[0]?.message ?? ''}`);
  return body.data ?? {};
}

const viaGateway = (name: string, url: string, pid?: number): Contender => ({
  name, pid,
  operations: Object.fromEntries(Object.entries(OPERATIONS).map(([op, query]) => [op, async () => { await post(url, query); }])),
});

/** The same questions asked of the provinces directly, all three at once: what the subgraphs alone cost. */
function floor(urls: Record<string, string>, shanghaiPorts: string[]): Contender {
  const each = (query: (field: string) => string): Send => async () => {
    await Promise.all(PROVINCE_SERVICES.map((s) => post(urls[s.code], query(registry.names(s.code).field))));
  };
  return {
    name: 'floor (subgraphs directly)',
    operations: {
      PortsWithCapacity: each((f) => `{ ${f} { ports(first: 7) { code nameEn openingStatus latestCapacity { agency period throughputTeu } terminals { name designCapacity } } } }`),
      RoutesIntoShanghai: each((f) => `{ ${f} { routes(filter: { destinationCodes: ${JSON.stringify(shanghaiPorts)} }) { id carrier mode origin { code nameEn } destination { code } } } }`),
      InitiativesWithCommitments: each((f) => `{ ${f} { initiatives { id title lead } commitments { initiative { id } summary status } } }`),
      RegionalAggregates: each((f) => `{ ${f} { capacitySummary(period: "2024-12") { throughputTeu designCapacityTeu } clearanceSamples(period: "2024-12") { importHours } } }`),
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

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

async function measure(contender: Contender) {
  const names = Object.keys(contender.operations);
  for (const op of names) await contender.operations[op](); // every operation answers before it is measured
  const run = async (ms: number, latencies: number[] | null) => {
    let errors = 0;
    let done = 0;
    const until = performance.now() + ms;
    await Promise.all(Array.from({ length: connections }, async (_, worker) => {
      for (let i = worker; performance.now() < until; i++) {
        const started = performance.now();
        try {
          await contender.operations[names[i % names.length]]();
          latencies?.push(performance.now() - started);
          done++;
        } catch {
          errors++;
        }
      }
    }));
    return { done, errors };
  };
  await run(warmupMs, null);
  const latencies: number[] = [];
  const started = performance.now();
  const { done, errors } = await run(durationMs, latencies);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    contender: contender.name, requests: done, errors, requestsPerSecond: done / seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    peakMemoryMiB: peakMemoryMiB(contender.pid),
  };
}

async function main() {
  const limit = setTimeout(() => { console.error('stopped: the benchmark ran past its time limit'); process.exit(1); },
    (durationMs + warmupMs) * 4 + 180_000);
  limit.unref();
  const db = testDatabase();
  const seedDir = mkdtempSync(join(tmpdir(), 'yrd-bench-seed-'));
  for (const s of PROVINCE_SERVICES) {
    writeFileSync(join(seedDir, `${s.code.toLowerCase()}.seed.json`), JSON.stringify(generateSeed(registry, s.code, scale, 2006)));
  }
  const children: ChildService[] = [];
  const provinces: Record<string, ProvinceProcess> = {};
  try {
    const ports = Object.fromEntries(await Promise.all(PROVINCE_SERVICES.map(async (s) => [s.code, await freePort()] as const)));
    const urls = Object.fromEntries(PROVINCE_SERVICES.map((s) => [s.code, `http://127.0.0.1:${ports[s.code]}/graphql`]));
    const peers = Object.fromEntries(PROVINCE_SERVICES.map((s) => [`${s.code}_URL`, urls[s.code]]));
    const quiet = { LOG_LEVEL: 'warn' };
    await Promise.all(PROVINCE_SERVICES.map(async (s) => {
      provinces[s.code] = await startProvinceProcess(s.code, db, {
        port: ports[s.code], peers, seedFile: join(seedDir, `${s.code.toLowerCase()}.seed.json`),
      });
    }));
    const region = await startChildService(join(repositoryRoot(__dirname), 'subgraphs/region/dist/main.js'), [],
      { ...peers, ...quiet, PORT: String(await freePort()) });
    children.push(region);
    const subgraphs = { ...peers, REGION_URL: region.url, ...quiet, SUPERGRAPH_FILE };
    const ours = await startChildService(join(repositoryRoot(__dirname), 'gateway/dist/main.js'), [],
      { ...subgraphs, RATE_LIMIT: 'off', PORT: String(await freePort()) });
    children.push(ours);
    const apollo = await startChildService(join(__dirname, 'plainApolloGateway.js'), [], { ...subgraphs, PORT: String(await freePort()) });
    children.push(apollo);
    const shanghaiPorts = ((await post(urls.SHANGHAI, '{ shanghai { ports(first: 100) { code } } }')).shanghai as { ports: { code: string }[] }).ports.map((p) => p.code);

    const contenders = [
      viaGateway('ours (@yrd/gateway)', ours.url, ours.process.pid),
      viaGateway('@apollo/gateway, defaults', apollo.url, apollo.process.pid),
      floor(urls, shanghaiPorts),
    ];
    console.log(`scale ${scale} (${db.kind}), ${connections} connections, ${durationMs / 1000} s each after ${warmupMs / 1000} s warm-up; operations: ${Object.keys(OPERATIONS).join(', ')}`);
    const results = [];
    for (const contender of contenders) results.push(await measure(contender));
    const apolloRps = results[1].requestsPerSecond;
    const floorRps = results[2].requestsPerSecond;
    console.log('\ncontender                      req/s    p50 ms   p95 ms   p99 ms  peak MiB  errors  vs apollo  vs floor');
    for (const r of results) {
      console.log(`${r.contender.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${(r.peakMemoryMiB?.toFixed(0) ?? '-').padStart(9)} ${String(r.errors).padStart(7)} ${(r.requestsPerSecond / apolloRps).toFixed(2).padStart(9)}x ${(r.requestsPerSecond / floorRps).toFixed(2).padStart(8)}x`);
    }
    const out = values.out ?? join(repositoryRoot(__dirname), '.data/bench', `gateways-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), scale, database: db.kind, connections, durationMs, operations: OPERATIONS, results }, null, 2));
    console.log(`\nresults: ${out}`);
  } finally {
    for (const c of children.reverse()) await c.stop();
    await Promise.all(Object.values(provinces).map((p) => p.kill()));
    await db.drop(PROVINCE_SERVICES.map((s) => s.code));
    rmSync(seedDir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
