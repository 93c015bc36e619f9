import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AGENCIES } from '@yrd/domain';
import { bearer, officeOf, testToken } from '../harness';

/**
 * What each subscriber selects: only what the region serves, or the record and its port from Zhejiang too. `id` is
 * the event's own; `recordId` the capacity record's key, by which a delivery is matched with its mutation.
 */
export const SELECTIONS: Record<string, string> = {
  light: 'id cursor province recordId at',
  federated: 'id cursor province recordId at record { ... on CapacityRecord { id period agency throughputTeu clearance24x7 port { code nameEn } } }',
};
const OFFICE = officeOf('ZHEJIANG', 'bench@zhejiang');
// Each subscriber is its own partner system, with its own token (and so its own rate limit and upstream connection).
const partnerNo = (i: number) => bearer(testToken({ sub: `partner-${i}`, role: 'partner' }));

/** The p-th percentile of values sorted ascending (nearest rank); NaN for none. */
export const percentile = (sorted: readonly number[], p: number) => (sorted.length
  ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** One operation over HTTP, its answer parsed. */
export async function gql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return res.json() as Promise<{ data?: Record<string, unknown>; errors?: { message: string }[] }>;
}

export interface SubscriptionRun {
  readonly subscribers: number;
  readonly mutations: number;
  /** Mutations a second. */
  readonly rate: number;
  readonly selection: keyof typeof SELECTIONS;
  /** Distinguishes the records of runs on the same data (8 years of months each). */
  readonly round: number;
  /** The Zhejiang port whose capacity is written. Default CNNBO (the seed's Ningbo). */
  readonly portCode?: string;
  /**
   * Each subscriber from a cursor of its own: the same position, spelled apart (white space in the cursor's JSON,
   * white box), so that no two share a stream, as partners that each resume from their own last cursor. Default
   * false: all subscribe alike from one cursor, and share one stream.
   */
  readonly distinct?: boolean;
}

/**
 * Mutation-to-subscriber latency and delivery rate through the gateway at `gatewayUrl`: `subscribers` partners
 * subscribe over graphql-ws (one connection each) to Zhejiang's capacity changes; then `mutations` capacity records are
 * written at `rate` a second. Waits (at most 60 s) for every delivery; reports how many were lost.
 */
export async function measureSubscriptions(gatewayUrl: string, run: SubscriptionRun) {
  const { subscribers, mutations, rate, round } = run;
  const portCode = run.portCode ?? 'CNNBO';
  const selection = SELECTIONS[run.selection];

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
  const cursorOf = (i: number) => (run.distinct
    ? Buffer.from(Buffer.from(after, 'base64url').toString().replace('{', `{${' '.repeat(i)}`)).toString('base64url') : after);
  for (let i = 0; i < subscribers; i++) {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: partnerNo(i), lazy: false,
      onNonLazyError: (error) => errors.push(`connection: ${String((error as { code?: number }).code ?? error)}`) });
    clients.push(client);
    client.subscribe({ query, variables: { after: cursorOf(i) } }, {
      next: (result) => {
        const received = performance.now();
        const event = (result.data as { clearanceCapacityChanged?: { recordId: string } } | null)?.clearanceCapacityChanged;
        if (result.errors?.length || !event) errors.push(JSON.stringify(result.errors));
        const sent = event && sentAt.get(event.recordId);
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
    const id = `${portCode}:${agency}:${period}`;
    const due = started + (m * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sentAt.set(id, performance.now());
    const res = await gql(gatewayUrl, `mutation ($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`,
      { input: { portCode, agency, period: period, throughputTeu: 1000 + m, clearance24x7: true } }, OFFICE);
    if (res.errors) throw new Error(`mutation failed: ${res.errors[0].message}`);
  }
  const expected = subscribers * mutations;
  const deadline = performance.now() + 60_000;
  while (delivered < expected && performance.now() < deadline && errors.length === 0) await new Promise((r) => setTimeout(r, 50));
  await Promise.all(clients.map((c) => c.dispose()));
  latencies.sort((a, b) => a - b);
  return {
    subscribers, mutations, rate, selection: run.selection, distinct: run.distinct ?? false, expected, delivered, lost: expected - delivered,
    errors: errors.slice(0, 3),
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] },
    eventsPerSecond: delivered / ((lastDelivery - started) / 1000),
  };
}

