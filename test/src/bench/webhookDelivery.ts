import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Webhook } from 'standardwebhooks';
import { AGENCIES, MAX_WEBHOOKS_PER_SUBJECT } from '@yrd/domain';
import { bearer, officeOf, testToken } from '../harness';
import { SELECTIONS, gql, percentile } from './subscriptionLatency';

const OFFICE = officeOf('ZHEJIANG', 'bench@zhejiang');

interface Receipts {
  /** Commit-to-receipt of each delivery, ms (the event's `at` to the moment it arrived). */
  readonly lags: number[];
  /** Each event's payload as first received, by record id. */
  readonly payloads: Map<string, string>;
  count: number;
  first: number;
  last: number;
}
const receipts = (): Receipts => ({ lags: [], payloads: new Map(), count: 0, first: 0, last: 0 });

function receive(into: Receipts, payload: { data?: { clearanceCapacityChanged?: { recordId: string; at: string } } | null }) {
  const now = Date.now();
  const event = payload.data?.clearanceCapacityChanged;
  if (!event) return;
  into.lags.push(now - Date.parse(event.at));
  if (!into.payloads.has(event.recordId)) into.payloads.set(event.recordId, JSON.stringify(payload));
  into.first ||= now;
  into.last = now;
  into.count++;
}

const figures = (r: Receipts, expected: number) => {
  const sorted = [...r.lags].sort((a, b) => a - b);
  return {
    delivered: r.count, expected, lost: expected - r.count,
    lagMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] },
    eventsPerSecond: r.count / Math.max(0.001, (r.last - r.first) / 1000),
  };
};

/**
 * Webhooks against live WebSocket subscribers on the same events: `endpoints` webhooks (partners of 20 each) and as
 * many graphql-ws subscribers follow Zhejiang's capacity changes with the same selection; `mutations` records are
 * written at `rate` a second. Each delivery is verified (standardwebhooks) and its payload compared with what the
 * WebSocket subscribers got. Commit-to-receipt runs from the event's `at` to its arrival (one clock: loopback).
 */
export async function measureWebhooks(gatewayUrl: string, run: { endpoints: number; mutations: number; rate: number; round: number; portCode: string }) {
  const { endpoints, mutations, rate, round, portCode } = run;
  const hooks = receipts();
  const live = receipts();
  const secrets = new Map<string, Webhook>();
  let unverified = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      try {
        secrets.get(req.url ?? '')?.verify(body, req.headers as Record<string, string>);
        receive(hooks, JSON.parse(body) as Parameters<typeof receive>[1]);
      } catch {
        unverified++;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const partnerOf = (i: number) => bearer(testToken({ sub: `webhook-partner-${round}-${Math.floor(i / MAX_WEBHOOKS_PER_SUBJECT)}`, role: 'partner' }));
  const query = `subscription { clearanceCapacityChanged(provinces: [ZHEJIANG]) { ${SELECTIONS.federated} } }`;
  const now = await gql(gatewayUrl, '{ changeCursor }', {}, partnerOf(0));
  const after = now.data?.changeCursor as string;
  const registered: { id: string; headers: Record<string, string> }[] = [];
  const clients = [];
  try {
    for (let i = 0; i < endpoints; i++) {
      const res = await gql(gatewayUrl, 'mutation ($input: RegisterWebhookInput!) { registerWebhook(input: $input) { secret webhook { id } } }',
        { input: { url: `${receiverUrl}/hook-${i}`, query, after } }, partnerOf(i));
      const made = (res.data as { registerWebhook?: { secret: string; webhook: { id: string } } } | undefined)?.registerWebhook;
      if (!made) throw new Error(`registration failed: ${JSON.stringify(res.errors)}`);
      secrets.set(`/hook-${i}`, new Webhook(made.secret));
      registered.push({ id: made.webhook.id, headers: partnerOf(i) });
      const client = createClient({ url: gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: bearer(testToken({ sub: `live-partner-${round}-${i}`, role: 'partner' })) });
      clients.push(client);
      client.subscribe({ query: query.replace('subscription {', 'subscription ($after: String) {').replace('provinces: [ZHEJIANG])', 'provinces: [ZHEJIANG], after: $after)'), variables: { after } }, {
        next: (result) => receive(live, result as Parameters<typeof receive>[1]), error: () => undefined, complete: () => undefined,
      });
    }
    await new Promise((r) => setTimeout(r, 2000));
    const started = performance.now();
    for (let m = 0; m < mutations; m++) {
      const period = `${2060 + round * 8 + Math.floor(m / 48)}-${String((m % 12) + 1).padStart(2, '0')}`;
      const agency = AGENCIES[Math.floor(m / 12) % AGENCIES.length];
      const wait = started + (m * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const res = await gql(gatewayUrl, `mutation ($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`,
        { input: { portCode, agency, period, throughputTeu: 2000 + m, clearance24x7: true } }, OFFICE);
      if (res.errors) throw new Error(`mutation failed: ${res.errors[0].message}`);
    }
    const expected = endpoints * mutations;
    const deadline = performance.now() + 120_000;
    while ((hooks.count < expected || live.count < expected) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // The same question, the same answers: every event's payload as the webhooks and the WebSocket delivered it.
    const differing = [...live.payloads].filter(([recordId, payload]) => hooks.payloads.get(recordId) !== payload).length;
    return { endpoints, mutations, rate, unverified, differing, webhooks: figures(hooks, expected), webSocket: figures(live, expected) };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const hook of registered) {
      await gql(gatewayUrl, 'mutation ($input: WebhookIdInput!) { deleteWebhook(input: $input) { id } }', { input: { id: hook.id } }, hook.headers);
    }
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}
