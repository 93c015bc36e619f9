import { officeOf, partner, subscribe, type GqlResponse, type Subscriber, type TestStack } from '../harness';

/**
 * A steady load through the gateway while a test injects faults into Zhejiang: two readers of the other provinces,
 * one of Zhejiang, a writer in Shanghai and Zhejiang, and a subscriber to both provinces' changes that must see each
 * committed change exactly once. Bounded: it runs until stop().
 */
const OTHERS = `query Others { shanghai { ports { nodes { code } } } jiangsu { ports { nodes { code } } }
  ports(filter: { provinces: [SHANGHAI, JIANGSU] }, first: 5) { nodes { code nameEn } } }`;
const ZHEJIANG = 'query Zhejiang { zhejiang { ports { nodes { code } } } }';
/** `id` is the event's own, `recordId` the key of the record it changed. */
const CHANGES = `subscription ($after: String) { changes(provinces: [ZHEJIANG, SHANGHAI], after: $after) { id cursor province recordId } }`;
const WATCHED = ['ZHEJIANG', 'SHANGHAI'] as const;

type Watched = (typeof WATCHED)[number];
/** The outbox positions after `from` up to `to` that a province's database holds. */
export type CommittedPositions = (from: number, to: number) => Promise<number[]>;
const contiguous: CommittedPositions = async (from, to) => Array.from({ length: to - from }, (_, i) => from + i + 1);

/** Waits `ms`: a phase of a fault script, or a reader's pause. */
export const phase = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request of the load; a failed one keeps what went wrong, so a failing check can say it. */
export interface Sample { at: number; group: 'others' | 'zhejiang' | 'zhejiang-write'; ok: boolean; failure?: string }

/** Reads in a row that must succeed, with a write, before Zhejiang counts as answering again. */
const RECOVERED_READS = 5;

const ok = (res: GqlResponse) => res.status === 200 && !res.errors?.length;
const sampleOf = (group: Sample['group'], res: GqlResponse): Sample => ok(res)
  ? { at: Date.now(), group, ok: true }
  : { at: Date.now(), group, ok: false, failure: `${res.status} ${JSON.stringify(res.errors ?? []).slice(0, 500)}` };
const positionsOf = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, number>;
const changeCursor = async (stack: TestStack) => (await stack.gql('{ changeCursor }', {}, partner)).data?.changeCursor as string;

export interface FaultLoad {
  readonly samples: Sample[];
  /** Ends the load and waits for its requests in flight. */
  stop(): Promise<void>;
  /**
   * How long after `since` Zhejiang answered again: five reads in a row and a write succeeded (all before `until`).
   * Infinity when that never happened: a province that stays down fails the test instead of passing it.
   */
  recoveryMs(since: number, until?: number): number;
  /**
   * The figures of a fault that began at `since`, after checking what must hold of them: the other provinces
   * answered every read (more than `atLeast` of them during the fault) and Zhejiang's reads did fail.
   */
  expectOthersUnaffected(since: number, atLeast: number): Record<string, number>;
  /**
   * After stop(): every committed change reached the subscriber once, in order per province, with positions that
   * run without a gap from the start to the end of each province's feed. (A write the client saw fail may still
   * have committed: it is in the feed, so it is delivered too.) Where a province's outbox may hold a gap (an id taken
   * by a transaction its database lost in a crash), `committed` reads the positions that are there instead.
   * Returns what was delivered and confirmed, and how many positions the feeds moved by (more than were delivered
   * where an outbox has a gap).
   */
  expectEveryChangeOnce(committed?: Partial<Record<Watched, CommittedPositions>>): Promise<{ delivered: number; confirmed: number; positions: number }>;
}

export async function startFaultLoad(stack: TestStack): Promise<FaultLoad> {
  const samples: Sample[] = [];
  let running = true;
  const read = async (group: Sample['group'], query: string) => {
    while (running) {
      const res = await stack.gql(query, {}, partner);
      samples.push(sampleOf(group, res));
      await phase(20);
    }
  };
  const start = await changeCursor(stack);
  const sub: Subscriber = subscribe(stack.gatewayWsUrl, CHANGES, { after: start }, { headers: partner });
  const written: string[] = [];
  let month = 0;
  const write = async (province: Watched) => {
    month++;
    const period = `${2070 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const portCode = province === 'ZHEJIANG' ? 'CNNBO' : 'CNSGH';
    const res = await stack.gql(`mutation ($input: CapacityRecordInput!) { ${province.toLowerCase()} { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`,
      { input: { portCode, agency: 'MARITIME', period, clearance24x7: true } }, officeOf(province));
    if (ok(res)) written.push(`${portCode}:MARITIME:${period}`);
    if (province === 'ZHEJIANG') samples.push(sampleOf('zhejiang-write', res));
  };
  const writer = (async () => {
    while (running) {
      await write('SHANGHAI');
      await write('ZHEJIANG');
      await phase(100);
    }
  })();
  const loops = [read('others', OTHERS), read('others', OTHERS), read('zhejiang', ZHEJIANG), writer];

  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
    recoveryMs(since, until = Number.MAX_SAFE_INTEGER) {
      const within = (s: Sample) => s.at >= since && s.at < until;
      let inRow = 0;
      let readsBackAt: number | null = null;
      for (const s of samples.filter((x) => x.group === 'zhejiang' && within(x))) {
        inRow = s.ok ? inRow + 1 : 0;
        if (inRow === RECOVERED_READS) {
          readsBackAt = s.at;
          break;
        }
      }
      const written = samples.find((x) => x.group === 'zhejiang-write' && x.ok && within(x));
      return readsBackAt === null || !written ? Infinity : Math.max(readsBackAt, written.at) - since;
    },
    expectOthersUnaffected(since, atLeast) {
      const others = samples.filter((s) => s.group === 'others');
      const figures = {
        requests: samples.length,
        othersDuringFault: others.filter((s) => s.at >= since).length,
        othersSuccessRate: others.filter((s) => s.ok).length / others.length,
        zhejiangFailures: samples.filter((s) => s.group === 'zhejiang' && !s.ok).length,
        zhejiangWriteFailures: samples.filter((s) => s.group === 'zhejiang-write' && !s.ok).length,
      };
      expect(figures.othersDuringFault).toBeGreaterThan(atLeast);
      const othersFailed = others.filter((s) => !s.ok).map((s) => `${new Date(s.at).toISOString()} ${s.failure}`);
      expect(othersFailed).toEqual([]);
      expect(figures.zhejiangFailures).toBeGreaterThan(0);
      return figures;
    },
    async expectEveryChangeOnce(committed = {}) {
      const from = positionsOf(start);
      const end = positionsOf(await changeCursor(stack));
      // Read once per province (from its database, where `committed` says so).
      const held = Object.fromEntries(await Promise.all(WATCHED.map(async (p) => [p, await (committed[p] ?? contiguous)(from[p], end[p])] as const)));
      const expected = WATCHED.reduce((n, p) => n + held[p].length, 0);
      await sub.waitFor(expected, 20_000);
      await phase(500);
      expect(sub.received).toHaveLength(expected);
      const events = sub.received.map((r) => (r.data as { changes: { id: string; cursor: string; province: string; recordId: string } }).changes);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(new Set(events.map((e) => e.recordId)).size).toBe(events.length);
      expect(events.map((e) => e.recordId)).toEqual(expect.arrayContaining(written));
      for (const province of WATCHED) {
        const positions = events.filter((e) => e.province === province).map((e) => positionsOf(e.cursor)[province]);
        expect(positions).toEqual(held[province]);
      }
      await sub.close();
      return { delivered: events.length, confirmed: written.length, positions: WATCHED.reduce((n, p) => n + end[p] - from[p], 0) };
    },
  };
}

