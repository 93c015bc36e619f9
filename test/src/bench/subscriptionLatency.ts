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
/** The agencies a future month may name (inspection and quarantine merged into customs in 2018). */
const CURRENT_AGENCIES = AGENCIES.filter((a) => a !== 'INSPECTION_QUARANTINE');
/** Records one run may write: 8 years of months per round, 36 a year. */
export const MAX_RECORDS_PER_RUN = 8 * 36;
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
   * Partners that each resume from a recent cursor of their own: the first partner subscribes first and receives
   * `mutations` records (the history); the others then subscribe, subscriber i after the (i mod mutations)-th of those
   * events, catch up, and receive the next `mutations` records live. Default false: all subscribe alike from one
   * cursor, before any record is written.
   */
  readonly distinct?: boolean;
}

/** What one subscriber received: each record once and in order is right; anything else is counted apart. */
class Received {
  readonly recordIds: string[] = [];
  duplicates = 0;
  errors = 0;
  private readonly seen = new Set<string>();

  add(recordId: string | undefined): boolean {
    if (recordId === undefined) {
      this.errors++;
      return false;
    }
    if (this.seen.has(recordId)) {
      this.duplicates++;
      return false;
    }
    this.seen.add(recordId);
    this.recordIds.push(recordId);
    return true;
  }
}

/**
 * Mutation-to-subscriber latency and delivery rate through the gateway at `gatewayUrl`: `subscribers` partners
 * subscribe over graphql-ws (one connection each) to Zhejiang's capacity changes; then `mutations` capacity records are
 * written at `rate` a second. Waits (at most 60 s) for every delivery; counts what was lost, repeated, out of order
 * or an error, each apart. With `distinct`, partners resume from cursors of their own (see SubscriptionRun), and
 * their catch-up time is measured too.
 */
export async function measureSubscriptions(gatewayUrl: string, run: SubscriptionRun) {
  const { subscribers, mutations, rate, round } = run;
  const portCode = run.portCode ?? 'CNNBO';
  const selection = SELECTIONS[run.selection];

  const wsUrl = gatewayUrl.replace(/^http/, 'ws');
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const failures: string[] = [];
  const received = Array.from({ length: subscribers }, () => new Received());
  const cursors: string[] = [];
  let lastDelivery = 0;
  const clients: Client[] = [];
  const now = await gql(gatewayUrl, '{ changeCursor }', {}, partnerNo(0));
  const start = now.data?.changeCursor;
  if (typeof start !== 'string') throw new Error(`no change cursor: ${JSON.stringify(now.errors)}`);
  const query = `subscription ($after: String) { clearanceCapacityChanged(provinces: [ZHEJIANG], after: $after) { ${selection} } }`;
  /** Each subscriber's events after it subscribed; live ones time the latency from the write. */
  const connectedAt: number[] = [];
  const subscribe = (i: number, after: string, onEvent?: (recordId: string) => void) => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: partnerNo(i), lazy: false,
      onNonLazyError: (error) => failures.push(`connection: ${String((error as { code?: number }).code ?? error)}`) });
    clients.push(client);
    client.subscribe({ query, variables: { after } }, {
      next: (result) => {
        const at = performance.now();
        const event = (result.data as { clearanceCapacityChanged?: { recordId: string; cursor: string } } | null)?.clearanceCapacityChanged;
        if (result.errors?.length && failures.length < 3) failures.push(JSON.stringify(result.errors));
        if (!received[i].add(result.errors?.length ? undefined : event?.recordId) || !event) return;
        const sent = sentAt.get(event.recordId);
        if (sent !== undefined) latencies.push(at - sent);
        lastDelivery = at;
        onEvent?.(event.recordId);
        if (i === 0) cursors.push(event.cursor);
      },
      error: (error) => failures.push(String((error as Error)?.message ?? JSON.stringify(error))),
      complete: () => undefined,
    });
    return new Promise<void>((resolve) => {
      const off = client.on('connected', () => {
        connectedAt[i] = performance.now();
        off();
        resolve();
      });
    });
  };
  const written: string[] = [];
  const write = async (from: number, count: number) => {
    const started = performance.now();
    for (let m = from; m < from + count; m++) {
      // A new record each time: 36 per year (12 months, 3 agencies), 8 years per round (periods end at 2100).
      const period = `${2060 + round * 8 + Math.floor(m / 36)}-${String((m % 12) + 1).padStart(2, '0')}`;
      const agency = CURRENT_AGENCIES[Math.floor(m / 12) % CURRENT_AGENCIES.length];
      const id = `${portCode}:${agency}:${period}`;
      const wait = started + ((m - from) * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sentAt.set(id, performance.now());
      written.push(id);
      const res = await gql(gatewayUrl, `mutation ($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`,
        { input: { portCode, agency, period: period, throughputTeu: 1000 + m, clearance24x7: true } }, OFFICE);
      if (res.errors) throw new Error(`mutation failed: ${res.errors[0].message}`);
    }
  };
  const waitFor = async (done: () => boolean) => {
    const deadline = performance.now() + 60_000;
    while (!done() && performance.now() < deadline && failures.length === 0) await new Promise((r) => setTimeout(r, 20));
  };

  // Catch-up (distinct only): how long from subscribing until a partner has every event written before it subscribed.
  const catchUp: number[] = [];
  if (run.distinct) {
    await subscribe(0, start);
    await write(0, mutations);
    await waitFor(() => cursors.length >= mutations);
    // Latency is timed for live events only.
    latencies.length = 0;
    sentAt.clear();
    const history = written.length;
    await Promise.all(Array.from({ length: subscribers - 1 }, (_, k) => {
      const i = k + 1;
      const from = i % mutations;
      // Resuming after its event `from` (the first partner's cursor there), it is caught up on receiving the last,
      // timed from its connection's acknowledgement (the subscription is sent with it).
      return subscribe(i, cursors[from - 1] ?? start, (recordId) => {
        if (recordId === written[history - 1]) catchUp.push(performance.now() - connectedAt[i]);
      });
    }));
  } else {
    await Promise.all(Array.from({ length: subscribers }, (_, i) => subscribe(i, start)));
  }
  await new Promise((r) => setTimeout(r, 500));
  const liveFrom = written.length;
  const started = performance.now();
  await write(liveFrom, mutations);
  // What each subscriber should have: every record after its own cursor, in order.
  const expectedOf = (i: number) => (run.distinct && i > 0 ? written.slice(i % mutations) : run.distinct ? written : written.slice(liveFrom));
  const expected = Array.from({ length: subscribers }, (_, i) => expectedOf(i).length).reduce((a, b) => a + b, 0);
  const delivered = () => received.reduce((sum, r) => sum + r.recordIds.length, 0);
  await waitFor(() => delivered() >= expected);
  await Promise.all(clients.map((c) => c.dispose()));
  latencies.sort((a, b) => a - b);
  catchUp.sort((a, b) => a - b);
  const outOfOrder = received.filter((r, i) => r.recordIds.join() !== expectedOf(i).slice(0, r.recordIds.length).join()).length;
  return {
    subscribers, mutations, rate, selection: run.selection, distinct: run.distinct ?? false, expected, delivered: delivered(),
    lost: expected - delivered(),
    duplicates: received.reduce((sum, r) => sum + r.duplicates, 0),
    errors: received.reduce((sum, r) => sum + r.errors, 0),
    /** Subscribers whose records came in another order than written, or not the ones after their cursor. */
    outOfOrder,
    failures: failures.slice(0, 3),
    /** Live events only: from the write's sending to the receipt. */
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] },
    catchUpMs: run.distinct ? { p50: percentile(catchUp, 50), p99: percentile(catchUp, 99), max: catchUp[catchUp.length - 1], caughtUp: catchUp.length } : null,
    eventsPerSecond: delivered() / ((lastDelivery - started) / 1000),
  };
}
