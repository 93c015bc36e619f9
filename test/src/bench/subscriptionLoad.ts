#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AGENCIES } from '@yrd/shared';
import { bearer, officeOf, startPlatformProcesses, testDatabase, testToken } from '../harness';

/**
 * Mutation-to-subscriber latency and delivery rate through the gateway: N partners subscribe over graphql-ws (one
 * connection each) to Zhejiang's capacity changes, selecting fields the gateway fetches from Zhejiang for every
 * event; then M capacity records are written at a steady rate. Every service runs as its own process, on SQLite
 * (or DATABASE_URL). Prints p50/p99 latency, deliveries per second and how many deliveries were lost.
 *   npm run bench:subscriptions -- --subscribers 100,1000 --mutations 40 --rate 10
 */
const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    mutations: { type: 'string', default: '40' },
    rate: { type: 'string', default: '10' },
    selection: { type: 'string', default: 'federated' },
    out: { type: 'string' },
  },
});
const counts = values.subscribers.split(',').map(Number);
const mutations = Number(values.mutations);
const rate = Number(values.rate);
if (counts.some((n) => !Number.isInteger(n) || n < 1) || counts.length > 5 || !(mutations > 0 && mutations <= 384) || !(rate > 0)) {
  console.error('usage: --subscribers 100,1000 (up to 5 runs) --mutations 40 (1 to 384) --rate 10 [--selection federated|light] [--out file.json]');
  process.exit(2);
}
const SELECTIONS: Record<string, string> = {
  light: 'cursor province id at',
  federated: 'cursor province id at capacityRecord { id period agency throughputTeu clearance24x7 port { code nameEn } }',
};
const selection = SELECTIONS[values.selection];
if (!selection) {
  console.error(`--selection is one of ${Object.keys(SELECTIONS).join(', ')}`);
  process.exit(2);
}
const OFFICE = officeOf('ZHEJIANG', 'bench@zhejiang');
// Each subscriber is its own partner system, with its own token (and so its own rate limit and upstream connection).
const partnerNo = (i: number) => bearer(testToken({ sub: `partner-${i}`, role: 'partner' }));
const RUN_LIMIT_MS = 180_000;

const percentile = (sorted: number[], p: number) => (sorted.length
  ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function gql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return res.json() as Promise<{ data?: Record<string, unknown>; errors?: { message: string }[] }>;
}

async function run(gatewayUrl: string, subscribers: number, round: number) {
  const wsUrl = gatewayUrl.replace(/^http/, 'ws');
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const errors: string[] = [];
  let delivered = 0;
  let lastDelivery = 0;
  const clients: Client[] = [];
  const now = await gql(gatewayUrl, '{ changeCursor }', {}, partnerNo(0));
  const after = now.data?.changeCursor;
  if (typeof after !== 'string') throw new Error(`no change cursor: ${JSON.stringify(now.errors)}`);
  const query = `subscription ($after: String) { clearanceCapacityChanged(provinces: [ZHEJIANG], after: $after) { ${selection} } }`;
  for (let i = 0; i < subscribers; i++) {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: partnerNo(i), lazy: false,
      onNonLazyError: (error) => errors.push(`connection: ${String((error as { code?: number }).code ?? error)}`) });
    clients.push(client);
    client.subscribe({ query, variables: { after } }, {
      next: (result) => {
        const received = performance.now();
        const event = (result.data as { clearanceCapacityChanged?: { id: string } } | null)?.clearanceCapacityChanged;
        if (result.errors?.length || !event) errors.push(JSON.stringify(result.errors));
        const sent = event && sentAt.get(event.id);
        if (sent !== undefined) latencies.push(received - sent);
        delivered++;
        lastDelivery = received;
      },
      error: (error) => errors.push(String((error as Error)?.message ?? JSON.stringify(error))),
      complete: () => undefined,
    });
  }
  // Connected and subscribed: wait until the connections are acknowledged.
  await Promise.all(clients.map((c) => new Promise<void>((resolve) => {
    const off = c.on('connected', () => { off(); resolve(); });
  })));
  await new Promise((r) => setTimeout(r, 500));

  const started = performance.now();
  for (let m = 0; m < mutations; m++) {
    // A new record each time: 48 per year (12 months, 4 agencies), 8 years per round (periods end at 2100).
    const period = `${2060 + round * 8 + Math.floor(m / 48)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const agency = AGENCIES[Math.floor(m / 12) % AGENCIES.length];
    const id = `CNNBO:${agency}:${period}`;
    const due = started + (m * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sentAt.set(id, performance.now());
    const res = await gql(gatewayUrl, `mutation ($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { id } } }`,
      { input: { portCode: 'CNNBO', agency, period: period, throughputTeu: 1000 + m, clearance24x7: true } }, OFFICE);
    if (res.errors) throw new Error(`mutation failed: ${res.errors[0].message}`);
  }
  const expected = subscribers * mutations;
  const deadline = performance.now() + 60_000;
  while (delivered < expected && performance.now() < deadline && errors.length === 0) await new Promise((r) => setTimeout(r, 50));
  await Promise.all(clients.map((c) => c.dispose()));
  latencies.sort((a, b) => a - b);
  return {
    subscribers, mutations, rate, selection: values.selection, expected, delivered, lost: expected - delivered,
    errors: errors.slice(0, 3),
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] },
    eventsPerSecond: delivered / ((lastDelivery - started) / 1000),
  };
}

async function main() {
  const limit = setTimeout(() => {
    console.error(`stopped: the run took longer than ${RUN_LIMIT_MS / 1000} s`);
    process.exit(1);
  }, RUN_LIMIT_MS);
  limit.unref();
  const db = testDatabase();
  const platform = await startPlatformProcesses(db);
  const results = [];
  try {
    console.log(`subscriptions through the gateway (${db.kind}), ${mutations} mutations at ${rate}/s, selection "${values.selection}"`);
    console.log('subscribers  delivered/expected  lost  p50 ms  p99 ms  max ms  deliveries/s');
    for (const [round, n] of counts.entries()) {
      const r = await run(platform.gatewayUrl, n, round);
      results.push(r);
      console.log(`${String(n).padStart(11)}  ${`${r.delivered}/${r.expected}`.padStart(18)}  ${String(r.lost).padStart(4)}  ${r.latencyMs.p50.toFixed(1).padStart(6)}  ${r.latencyMs.p99.toFixed(1).padStart(6)}  ${r.latencyMs.max.toFixed(1).padStart(6)}  ${r.eventsPerSecond.toFixed(0).padStart(12)}`);
      if (r.errors.length) console.log(`  errors: ${r.errors.join('; ')}`);
    }
  } finally {
    await platform.stop();
    await db.drop(['ZHEJIANG', 'SHANGHAI', 'JIANGSU']);
  }
  if (values.out) writeFileSync(values.out, JSON.stringify({ at: new Date().toISOString(), database: db.kind, results }, null, 2));
  process.exit(results.some((r) => r.lost > 0) ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
