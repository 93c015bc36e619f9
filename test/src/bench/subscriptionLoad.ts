#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { provinceServices } from '@yrd/domain';
import { commandLine, usageError } from '@yrd/service';
import { startPlatformProcesses, testDatabase } from '../harness';
import { SELECTIONS, measureSubscriptions } from './subscriptionLatency';

/**
 * Mutation-to-subscriber latency and delivery rate through the gateway: N partners subscribe over graphql-ws (one
 * connection each) to Zhejiang's capacity changes, selecting fields the gateway fetches from Zhejiang for every
 * event; then M capacity records are written at a steady rate. Every service runs as its own process, on SQLite
 * (or DATABASE_URL). Prints p50/p99 latency, deliveries per second and how many deliveries were lost.
 *   npm run bench:subscriptions -- --subscribers 100,1000 --mutations 40 --rate 10
 */
const USAGE = `usage: node test/dist/bench/subscriptionLoad.js [--subscribers 1000] [--mutations 40] [--rate 10]
         [--selection federated|light] [--distinct] [--out file.json]

Mutation-to-subscriber latency and deliveries through the gateway, every service its own process.
  --subscribers N,M  partners subscribing, one run per number, up to 5 runs (default 1000)
  --mutations N      capacity records written per run, 1..384 (default 40)
  --rate N           records written a second (default 10)
  --selection NAME   what each subscriber selects: ${Object.keys(SELECTIONS).join(' or ')} (default federated)
  --distinct         each subscriber from a cursor of its own, so that none shares a stream
  --out FILE         where to write the results as JSON`;
const { values } = commandLine(USAGE, {
  subscribers: { type: 'string', default: '1000' },
  mutations: { type: 'string', default: '40' },
  rate: { type: 'string', default: '10' },
  selection: { type: 'string', default: 'federated' },
  // Each subscriber from a cursor of its own, so that none shares a stream (see measureSubscriptions).
  distinct: { type: 'boolean', default: false },
  out: { type: 'string' },
});
const counts = values.subscribers.split(',').map(Number);
const mutations = Number(values.mutations);
const rate = Number(values.rate);
if (counts.some((n) => !Number.isInteger(n) || n < 1) || counts.length > 5 || !(mutations > 0 && mutations <= 384) || !(rate > 0)) {
  usageError('an option is out of its range', USAGE);
}
const RUN_LIMIT_MS = 180_000;
if (!(values.selection in SELECTIONS)) {
  usageError(`--selection is one of ${Object.keys(SELECTIONS).join(', ')}`, USAGE);
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
    console.log(`subscriptions through the gateway (${db.kind}), ${mutations} mutations at ${rate}/s, selection "${values.selection}", ${values.distinct ? 'a cursor of its own each (no stream shared)' : 'one operation from one cursor (one stream shared)'}`);
    console.log('subscribers  delivered/expected  lost  p50 ms  p99 ms  max ms  deliveries/s');
    for (const [round, n] of counts.entries()) {
      const r = await measureSubscriptions(platform.gatewayUrl, { subscribers: n, mutations, rate, round, selection: values.selection, distinct: values.distinct });
      results.push(r);
      console.log(`${String(n).padStart(11)}  ${`${r.delivered}/${r.expected}`.padStart(18)}  ${String(r.lost).padStart(4)}  ${r.latencyMs.p50.toFixed(1).padStart(6)}  ${r.latencyMs.p99.toFixed(1).padStart(6)}  ${r.latencyMs.max.toFixed(1).padStart(6)}  ${r.eventsPerSecond.toFixed(0).padStart(12)}`);
      if (r.errors.length) console.log(`  errors: ${r.errors.join('; ')}`);
    }
  } finally {
    await platform.stop();
    await db.drop([...provinceServices().map((s) => s.code), 'webhooks']);
  }
  if (values.out) writeFileSync(values.out, JSON.stringify({ at: new Date().toISOString(), database: db.kind, results }, null, 2));
  process.exit(results.some((r) => r.lost > 0) ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
