#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { provinceServices } from '@yrd/domain';
import { commandLine, usageError } from '@yrd/service';
import { startPlatformProcesses, testDatabase } from '../harness';
import { MAX_RECORDS_PER_RUN, SELECTIONS, measureSubscriptions } from './subscriptionLatency';

/**
 * Mutation-to-subscriber latency and delivery rate through the gateway: N partners subscribe over graphql-ws (one
 * connection each) to Zhejiang's capacity changes, selecting fields the gateway fetches from Zhejiang for every
 * event; then M capacity records are written at a steady rate. Every service runs as its own process, on SQLite
 * (or DATABASE_URL). Prints p50/p99 latency, deliveries per second, and the deliveries lost, repeated, out of order
 * or errors, each apart; with --distinct, partners resume from recent cursors of their own and catch-up is timed.
 *   npm run bench:subscriptions -- --subscribers 100,1000 --mutations 40 --rate 10
 */
const USAGE = `usage: node test/dist/bench/subscriptionLoad.js [--subscribers 1000] [--mutations 40] [--rate 10]
         [--selection federated|light] [--distinct] [--out file.json]

Mutation-to-subscriber latency and deliveries through the gateway, every service its own process.
  --subscribers N,M  partners subscribing, one run per number, up to 5 runs (default 1000)
  --mutations N      capacity records written per run, 1..288 (1..144 with --distinct, which writes twice as many)
                     (default 40)
  --rate N           records written a second (default 10)
  --selection NAME   what each subscriber selects: ${Object.keys(SELECTIONS).join(' or ')} (default federated)
  --distinct         partners resuming each from a recent cursor of its own (after one of the first partner's
                     last N events), timed to catch up, then live
  --out FILE         where to write the results as JSON`;
const { values } = commandLine(USAGE, {
  subscribers: { type: 'string', default: '1000' },
  mutations: { type: 'string', default: '40' },
  rate: { type: 'string', default: '10' },
  selection: { type: 'string', default: 'federated' },
  // Partners resuming each from a recent cursor of its own (see SubscriptionRun.distinct).
  distinct: { type: 'boolean', default: false },
  out: { type: 'string' },
});
const counts = values.subscribers.split(',').map(Number);
const mutations = Number(values.mutations);
const rate = Number(values.rate);
if (counts.some((n) => !Number.isInteger(n) || n < 1) || counts.length > 5 || !(Number.isInteger(mutations) && mutations > 0 && mutations * (values.distinct ? 2 : 1) <= MAX_RECORDS_PER_RUN) || !(rate > 0)) {
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
    console.log(`subscriptions through the gateway (${db.kind}), ${mutations} mutations at ${rate}/s, selection "${values.selection}", ${values.distinct ? 'each resuming from a recent cursor of its own' : 'one operation from one cursor'}`);
    console.log('subscribers  delivered/expected  lost  repeated  errors  out of order  live p50 ms  p99 ms  max ms  deliveries/s  catch-up p50 ms  p99 ms  max ms  caught up');
    for (const [round, n] of counts.entries()) {
      const r = await measureSubscriptions(platform.gatewayUrl, { subscribers: n, mutations, rate, round, selection: values.selection, distinct: values.distinct });
      results.push(r);
      const catchUp = r.catchUpMs;
      const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));
      console.log(`${String(n).padStart(11)}  ${`${r.delivered}/${r.expected}`.padStart(18)}  ${String(r.lost).padStart(4)}  ${String(r.duplicates).padStart(8)}  ${String(r.errors).padStart(6)}  ${String(r.outOfOrder).padStart(12)}  ${ms(r.latencyMs.p50).padStart(11)}  ${ms(r.latencyMs.p99).padStart(6)}  ${ms(r.latencyMs.max).padStart(6)}  ${r.eventsPerSecond.toFixed(0).padStart(12)}  ${ms(catchUp?.p50).padStart(15)}  ${ms(catchUp?.p99).padStart(6)}  ${ms(catchUp?.max).padStart(6)}  ${catchUp ? `${catchUp.caughtUp}/${n - 1}` : '-'}`);
      if (r.failures.length) console.log(`  failures: ${r.failures.join('; ')}`);
    }
  } finally {
    await platform.stop();
    await db.drop([...provinceServices().map((s) => s.code), 'webhooks']);
  }
  if (values.out) writeFileSync(values.out, JSON.stringify({ at: new Date().toISOString(), database: db.kind, results }, null, 2));
  process.exit(results.some((r) => r.lost > 0 || r.duplicates > 0 || r.errors > 0 || r.outOfOrder > 0) ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
