import { provinceServices } from '@yrd/domain';
import { postJson } from '@yrd/service';
import {
  analyst, bearer, eventually, officeOf, operationsServed, partner, startStack, testToken, type GqlResponse, type TestStack,
} from '../harness';

const PORTS = `{ ports(first: 30) { totalCount nodes { code province nameEn latestCapacity { agency period throughputTeu } terminals(first: 3) { nodes { nameEn } } } } }`;
const NINGBO = `{ zhejiang { port(code: "CNNBO") { code latestCapacity { agency period throughputTeu } } } }`;
const RECORD_CAPACITY = `mutation ($input: CapacityRecordInput!) {
  zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } }
}`;

type Ningbo = { zhejiang: { port: { latestCapacity: { agency: string; period: string; throughputTeu: number }[] } } };
const maritimeOf = (res: GqlResponse) => (res.data as Ningbo | undefined)?.zhejiang.port.latestCapacity.find((c) => c.agency === 'MARITIME');

let month = 0;
/** A new month of Ningbo's maritime capacity, later than any before: Ningbo's latest maritime record becomes it. */
const nextCapacity = () => {
  month++;
  return { portCode: 'CNNBO', agency: 'MARITIME', period: `${2070 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`, throughputTeu: 5000 + month, clearance24x7: true };
};

/** Operations the region and the provinces served while `fn` ran (their own request counters). */
async function subgraphCalls(stack: TestStack, fn: () => Promise<unknown>): Promise<number> {
  const urls = [stack.regionUrl, ...provinceServices().map((s) => stack.provinces[s.code].url)];
  const count = async () => (await Promise.all(urls.map(operationsServed))).reduce((a, b) => a + b, 0);
  const before = await count();
  await fn();
  return await count() - before;
}

describe('the fetch cache, invalidated by the change feed', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
    await eventually(() => stack.gateway.cache.serving, 5000, 'the cache following the feed');
  });
  afterAll(() => stack.stop());

  it('answers a repeated read without asking any subgraph, with the same answer', async () => {
    // A health probe that times out on a busy machine (500 ms) voids what depends on that subgraph, as it should: the
    // pair is asked again then, but only if the cache did note a change or a subgraph away meanwhile.
    let first: GqlResponse | undefined;
    let again: GqlResponse | undefined;
    let calls = -1;
    for (let attempt = 0; attempt < 3 && calls !== 0; attempt++) {
      const invalidations = stack.gateway.cache.counts.invalidations;
      first = await stack.gql(PORTS);
      expect(first.errors).toBeUndefined();
      calls = await subgraphCalls(stack, async () => { again = await stack.gql(PORTS); });
      if (calls !== 0) expect(stack.gateway.cache.counts.invalidations).toBeGreaterThan(invalidations);
    }
    expect(calls).toBe(0);
    expect(again?.data).toEqual(first?.data);
    // Not one SQL statement either.
    expect(await stack.provinces.ZHEJIANG.countQueries(() => stack.gql(PORTS))).toBe(0);
  });

  it('answers a repeated query whole (nothing planned or fetched), by its variables, for readers of every scope', async () => {
    const byCode = 'query Port($code: ID!) { zhejiang { port(code: $code) { code nameEn latestCapacity { agency period } } } }';
    const codeOf = (res: GqlResponse) => (res.data as { zhejiang: { port: { code: string } } }).zhejiang.port.code;
    const counts = stack.gateway.cache.counts;
    const first = await stack.gql(byCode, { code: 'CNNBO' });
    const wholeBefore = counts.wholeAnswerHits;
    const again = await stack.gql(byCode, { code: 'CNNBO' });
    expect(counts.wholeAnswerHits).toBe(wholeBefore + 1);
    expect(again.data).toEqual(first.data);
    // Other variables are another question.
    expect(codeOf(await stack.gql(byCode, { code: 'CNZOS' }))).toBe('CNZOS');
    expect(counts.wholeAnswerHits).toBe(wholeBefore + 1);
    // A reader of another scope gets the same whole answer: Zhejiang said nothing in it depended on who asked.
    expect(codeOf(await stack.gql(byCode, { code: 'CNNBO' }, partner))).toBe('CNNBO');
    expect(counts.wholeAnswerHits).toBe(wholeBefore + 2);
    // Extensions are each request's own: a trace id asked for is not another request's.
    const traced = await stack.gql(byCode, { code: 'CNNBO' }, { ...analyst, 'x-trace': 'true' });
    expect(counts.wholeAnswerHits).toBe(wholeBefore + 3);
    expect(traced.data).toEqual(first.data);
    const metrics = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
    expect(Number(/^yrd_cache_whole_answer_hits (\d+)/m.exec(metrics)?.[1])).toBe(counts.wholeAnswerHits);
  });

  it('reads its own writes: a write through the gateway voids what it changes before its answer returns', async () => {
    await stack.gql(NINGBO);
    expect(await subgraphCalls(stack, () => stack.gql(NINGBO))).toBe(0);
    for (let i = 0; i < 5; i++) {
      const input = nextCapacity();
      const written = await stack.gql(RECORD_CAPACITY, { input }, officeOf('ZHEJIANG'));
      expect(written.errors).toBeUndefined();
      // At once, before the change feed could have said anything.
      expect(maritimeOf(await stack.gql(NINGBO))?.period).toBe(input.period);
    }
    // Shanghai's answers did not depend on Zhejiang's records: still kept.
    const shanghai = '{ shanghai { ports(first: 5) { nodes { code } } } }';
    await stack.gql(shanghai);
    await stack.gql(RECORD_CAPACITY, { input: nextCapacity() }, officeOf('ZHEJIANG'));
    expect(await subgraphCalls(stack, () => stack.gql(shanghai))).toBe(0);
  });

  it('voids once per write through it, whether its answer or its change through the feed comes first', async () => {
    const counts = stack.gateway.cache.counts;
    // On SQLite the answer usually comes first; on MariaDB the feed often does (the province reads the record back
    // before it answers). Either way the second to come is known as the same change.
    for (let i = 0; i < 5; i++) {
      const { echoes, invalidations } = counts;
      const input = nextCapacity();
      expect((await stack.gql(RECORD_CAPACITY, { input }, officeOf('ZHEJIANG'))).errors).toBeUndefined();
      await eventually(() => counts.echoes > echoes, 5000, 'the write\'s change known as its own');
      expect([counts.echoes - echoes, counts.invalidations - invalidations]).toEqual([1, 1]);
      expect(maritimeOf(await stack.gql(NINGBO))?.period).toBe(input.period);
    }
  });

  it('hears of a write that did not pass through it (another replica\'s) from the feed, and says how late', async () => {
    await stack.gql(NINGBO);
    const input = nextCapacity();
    // Straight to the province, as a write through another gateway replica reaches it.
    const written = await stack.provinces.ZHEJIANG.gql(RECORD_CAPACITY,
      { input }, officeOf('ZHEJIANG'));
    expect(written.errors).toBeUndefined();
    const started = performance.now();
    let seen = false;
    while (!seen && performance.now() - started < 2000) {
      seen = maritimeOf(await stack.gql(NINGBO))?.period === input.period;
      if (!seen) await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toBe(true);
    const metrics = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
    expect(Number(/^yrd_cache_invalidation_lag_seconds_count (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });

  it('voids by kind of record: a capacity write voids the ports read with their capacity, not the initiatives', async () => {
    const initiatives = '{ zhejiang { initiatives(first: 5) { nodes { id title milestones { seq due } } } } }';
    await stack.gql(initiatives);
    await stack.gql(NINGBO);
    expect((await stack.gql(RECORD_CAPACITY, { input: nextCapacity() }, officeOf('ZHEJIANG'))).errors).toBeUndefined();
    expect(await subgraphCalls(stack, () => stack.gql(initiatives))).toBe(0);
    expect(await subgraphCalls(stack, () => stack.gql(NINGBO))).toBeGreaterThan(0);
    // What the province said it read, as the gateway received it.
    const direct = await stack.provinces.ZHEJIANG.gql(initiatives, {}, analyst);
    expect(direct.extensions?.recordsRead).toEqual({ ZHEJIANG: ['Initiative'] });
  });

  it('voids by port: a capacity write voids what was read of its port and the pages it is on, not another port', async () => {
    const byCode = (code: string) => `{ zhejiang { port(code: "${code}") { code latestCapacity { agency period } terminals { nodes { nameEn } } } } }`;
    // By code: CNBLG, CNDAX, CNHGH, then CNJAX and CNNBO.
    const pageOf = (first: number) => `{ zhejiang { ports(first: ${first}) { nodes { code importClearanceHours latestCapacity { agency period } } } } }`;
    const [without, withNingbo] = [pageOf(3), pageOf(5)];
    const zhoushan = await stack.gql(byCode('CNZOS'));
    expect(zhoushan.errors).toBeUndefined();
    // What the province said it read, as the gateway received it: Zhoushan's records only.
    expect((await stack.provinces.ZHEJIANG.gql(byCode('CNZOS'), {}, analyst)).extensions?.recordsRead)
      .toEqual({ ZHEJIANG: ['CapacityRecord@CNZOS', 'Port@CNZOS', 'Terminal@CNZOS'] });
    const readAll = async () => { for (const query of [byCode('CNNBO'), without, withNingbo]) await stack.gql(query); };
    // Through the gateway (its answer names the change), and straight to the province (the feed brings it).
    const writes = [
      (input: object) => stack.gql(RECORD_CAPACITY, { input }, officeOf('ZHEJIANG')),
      (input: object) => stack.provinces.ZHEJIANG.gql(RECORD_CAPACITY, { input }, officeOf('ZHEJIANG')),
    ];
    for (const write of writes) {
      await readAll();
      const { invalidations } = stack.gateway.cache.counts;
      const input = nextCapacity();
      expect((await write(input)).errors).toBeUndefined();
      await eventually(() => stack.gateway.cache.counts.invalidations > invalidations, 5000, 'the change heard');
      expect(await subgraphCalls(stack, async () => expect((await stack.gql(byCode('CNZOS'))).data).toEqual(zhoushan.data))).toBe(0);
      expect(await subgraphCalls(stack, () => stack.gql(without))).toBe(0);
      expect(maritimeOf(await stack.gql(NINGBO))?.period).toBe(input.period);
      expect(await subgraphCalls(stack, () => stack.gql(byCode('CNNBO')))).toBeGreaterThan(0);
      expect(await subgraphCalls(stack, () => stack.gql(withNingbo))).toBeGreaterThan(0);
    }
  });

  it('keeps a page of ports through a customs record of a port not on it, unless the page is ordered by what it changed', async () => {
    const page = (orderBy: string) => `{ zhejiang { ports(first: 3${orderBy}) { nodes { code importClearanceHours } } } }`;
    const [byCode, byClearance] = [page(''), page(', orderBy: { field: IMPORT_CLEARANCE_HOURS, direction: ASC }')];
    const pageCodes = (res: GqlResponse) => (res.data as { zhejiang: { ports: { nodes: { code: string }[] } } }).zhejiang.ports.nodes.map((n) => n.code);
    expect(pageCodes(await stack.gql(byCode))).toEqual(['CNBLG', 'CNDAX', 'CNHGH']);
    const before = await stack.gql(byClearance);
    expect(before.errors).toBeUndefined();
    // Straight to the province: the feed brings it, with its record's key.
    const { invalidations } = stack.gateway.cache.counts;
    const written = await stack.provinces.ZHEJIANG.gql(RECORD_CAPACITY, { input: {
      portCode: 'CNWNZ', agency: 'CUSTOMS', period: '2072-01', throughputTeu: 10, importClearanceHours: 0.1, exportClearanceHours: 0.1, clearance24x7: true,
    } }, officeOf('ZHEJIANG'));
    expect(written.errors).toBeUndefined();
    await eventually(() => stack.gateway.cache.counts.invalidations > invalidations, 5000, 'the change heard');
    expect(await subgraphCalls(stack, () => stack.gql(byCode))).toBe(0);
    // Wenzhou now clears fastest: first by clearance hours.
    let after: GqlResponse | undefined;
    expect(await subgraphCalls(stack, async () => { after = await stack.gql(byClearance); })).toBeGreaterThan(0);
    expect(pageCodes(after!)[0]).toBe('CNWNZ');
    expect(pageCodes(before)[0]).not.toBe('CNWNZ');
  });

  it('keeps a page of ports that shows no clearance hours through a customs record of a port on it', async () => {
    const plain = '{ ports(first: 8) { nodes { code province nameEn } } }';
    const shown = '{ zhejiang { ports(first: 3) { nodes { code importClearanceHours } } } }';
    type Shown = { zhejiang: { ports: { nodes: { code: string; importClearanceHours: number | null }[] } } };
    const before = await stack.gql(plain);
    const port = (before.data as { ports: { nodes: { code: string; province: string }[] } }).ports.nodes.find((n) => n.province === 'ZHEJIANG')!.code;
    expect((await stack.gql(shown)).errors).toBeUndefined();
    // What Zhejiang says its pages were read from: ports, and the clearance hours only of the ports shown.
    const recordsRead = async (query: string) => (await stack.provinces.ZHEJIANG.gql(query)).extensions?.recordsRead;
    expect(await recordsRead('{ zhejiang { ports(first: 3) { nodes { code nameEn } } } }')).toEqual({ ZHEJIANG: ['Port'] });
    expect(await recordsRead(shown)).toEqual({ ZHEJIANG: ['CapacityRecord@CNBLG', 'CapacityRecord@CNDAX', 'CapacityRecord@CNHGH', 'Port'] });
    const { invalidations } = stack.gateway.cache.counts;
    const written = await stack.gql(RECORD_CAPACITY, { input: {
      portCode: port, agency: 'CUSTOMS', period: '2073-01', throughputTeu: 10, importClearanceHours: 0.2, exportClearanceHours: 0.1, clearance24x7: true,
    } }, officeOf('ZHEJIANG'));
    expect(written.errors).toBeUndefined();
    await eventually(() => stack.gateway.cache.counts.invalidations > invalidations, 5000, 'the change heard');
    expect(await subgraphCalls(stack, async () => expect((await stack.gql(plain)).data).toEqual(before.data))).toBe(0);
    let after: GqlResponse | undefined;
    expect(await subgraphCalls(stack, async () => { after = await stack.gql(shown); })).toBeGreaterThan(0);
    expect((after!.data as Shown).zhejiang.ports.nodes.find((n) => n.code === port)?.importClearanceHours).toBe(0.2);
  });

  it('voids the region\'s figures of a month only with a capacity record of that month', async () => {
    const figures = '{ regionalCapacity(period: "2024-12") { region { throughputTeu } } clearanceTimes(period: "2024-12") { region { averageImportClearanceHours } } }';
    const teu = (res: GqlResponse) => (res.data as { regionalCapacity: { region: { throughputTeu: number } } }).regionalCapacity.region.throughputTeu;
    const record = (period: string) => stack.gql(RECORD_CAPACITY, { input: {
      portCode: 'CNZOS', agency: 'CUSTOMS', period, throughputTeu: 1234, importClearanceHours: 9.5, exportClearanceHours: 1.5, clearance24x7: true,
    } }, officeOf('ZHEJIANG'));
    const before = await stack.gql(figures);
    expect(before.errors).toBeUndefined();
    // What Zhejiang said the figures were read from: its ports (not their clearance hours), terminals, the month's records.
    const direct = await stack.provinces.ZHEJIANG.gql('{ zhejiang { capacitySummaries(from: "2024-12", to: "2024-12") { throughputTeu } } }', {}, analyst);
    expect(direct.extensions?.recordsRead).toEqual({ ZHEJIANG: ['CapacityRecord@2024-12', 'Port', 'Terminal'] });
    // A later month's customs record (which also sets Zhoushan's latest clearance hours on the port): still kept.
    expect((await record('2071-01')).errors).toBeUndefined();
    expect(await subgraphCalls(stack, async () => expect((await stack.gql(figures)).data).toEqual(before.data))).toBe(0);
    // The month's own: asked again, and counted.
    expect((await record('2024-12')).errors).toBeUndefined();
    let after: GqlResponse | undefined;
    expect(await subgraphCalls(stack, async () => { after = await stack.gql(figures); })).toBeGreaterThan(0);
    expect(teu(after!)).toBe(teu(before) + 1234);
  });

  it('voids a lead\'s answer when a partner province commits: what a province asks its peers is read too', async () => {
    const proposed = await stack.gql(`mutation { zhejiang { proposeInitiative(input: { id: "ZJ-CACHE-1", title: "Shared berth plan",
      category: INSPECTION, partners: [SHANGHAI], startOn: "2026-01-01",
      milestones: [{ title: "Plan agreed", due: "2026-06-30", responsibleUnit: "Ningbo Customs" }] }) { changeCursor } } }`, {}, officeOf('ZHEJIANG'));
    expect(proposed.errors).toBeUndefined();
    const pending = async () => {
      const res = await stack.gql('{ zhejiang { initiatives(first: 100) { nodes { id pendingPartners commitments { province } } } } }');
      expect(res.errors).toBeUndefined();
      type Nodes = { zhejiang: { initiatives: { nodes: { id: string; pendingPartners: string[] }[] } } };
      return (res.data as Nodes).zhejiang.initiatives.nodes.find((i) => i.id === 'ZJ-CACHE-1')?.pendingPartners;
    };
    expect(await pending()).toEqual(['SHANGHAI']);
    expect(await subgraphCalls(stack, pending)).toBe(0);
    // Shanghai's record, through the gateway: Zhejiang's answer asked Shanghai whether it had committed.
    const committed = await stack.gql(`mutation { shanghai { commitToInitiative(input: { initiativeId: "ZJ-CACHE-1", lead: ZHEJIANG,
      summary: "Berths at Yangshan", responsibleUnit: "Shanghai Customs" }) { changeCursor } } }`, {}, officeOf('SHANGHAI'));
    expect(committed.errors).toBeUndefined();
    expect(await pending()).toEqual([]);
  });

  it('shares across readers\' scopes only what every subgraph said was the same for every reader, and never keeps who asked', async () => {
    // Zhejiang's answer and the region's say nothing in them depended on who asked; a lead's pending partners do
    // (Zhejiang asked its partners with the caller's token), and so does who is asking.
    const pending = '{ zhejiang { initiatives(first: 5) { nodes { id pendingPartners } } } }';
    const everyReader = async (url: string, query: string) => (await postJson(url, JSON.stringify({ query }), analyst)).text
      .includes('"sameForEveryReader":true');
    expect(await everyReader(stack.provinces.ZHEJIANG.url, NINGBO)).toBe(true);
    expect(await everyReader(stack.provinces.ZHEJIANG.url, pending)).toBe(false);
    expect(await everyReader(stack.regionUrl, '{ ports(first: 3) { nodes { code } } }')).toBe(true);
    expect(await everyReader(stack.regionUrl, '{ viewer { subject } }')).toBe(false);
    // Through the gateway: what every subgraph said was the same is a partner's too, asked of no subgraph.
    await stack.gql(NINGBO, {}, analyst);
    expect(await subgraphCalls(stack, () => stack.gql(NINGBO, {}, partner))).toBe(0);
    await stack.gql(PORTS, {}, analyst);
    expect(await subgraphCalls(stack, () => stack.gql(PORTS, {}, partner))).toBe(0);
    // What depended on who asked is kept apart by scope: a partner asks once, another analyst not at all.
    await stack.gql(pending, {}, analyst);
    expect(await subgraphCalls(stack, () => stack.gql(pending, {}, partner))).toBeGreaterThan(0);
    expect(await subgraphCalls(stack, () => stack.gql(pending, {}, partner))).toBe(0);
    const otherAnalyst = bearer(testToken({ sub: 'another-analyst', role: 'analyst' }));
    expect(await subgraphCalls(stack, () => stack.gql(pending, {}, otherAnalyst))).toBe(0);
    // Who is asking is answered for each, every time.
    const viewer = '{ viewer { subject } }';
    const subjectOf = async (headers: Record<string, string>) => ((await stack.gql(viewer, {}, headers)).data as { viewer: { subject: string } }).viewer.subject;
    const analystSubject = await subjectOf(analyst);
    expect(analystSubject).not.toBe('another-analyst');
    for (let i = 0; i < 2; i++) expect([await subjectOf(otherAnalyst), await subjectOf(analyst)]).toEqual(['another-analyst', analystSubject]);
  });

  it('never keeps a partial answer: a province that was away is asked again once it is back', async () => {
    await stack.stopProvince('JIANGSU');
    // Kept whole until the gateway notices (its watch asks each subgraph's /health/live twice a second), then never.
    let partial: GqlResponse | undefined;
    for (let i = 0; i < 30 && !partial?.errors; i++) {
      partial = await stack.gql(PORTS);
      if (!partial.errors) await new Promise((r) => setTimeout(r, 100));
    }
    expect(partial?.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    await stack.startProvinceAgain('JIANGSU');
    await eventually(() => stack.gateway.cache.serving, 5000, 'the cache following the feed');
    let whole: GqlResponse | undefined;
    for (let i = 0; i < 50 && (!whole || whole.errors); i++) {
      whole = await stack.gql(PORTS);
      if (whole.errors) await new Promise((r) => setTimeout(r, 100));
    }
    expect(whole?.errors).toBeUndefined();
  });

  it('serves nothing while it cannot follow the feed (the region restarting), then follows it again', async () => {
    await stack.gql(NINGBO);
    await stack.restartRegion();
    await eventually(() => stack.gateway.cache.serving, 5000, 'the cache following the feed again');
    // Started afresh: what was kept before the drop is asked again.
    expect(await subgraphCalls(stack, () => stack.gql(NINGBO))).toBeGreaterThan(0);
    expect(await subgraphCalls(stack, () => stack.gql(NINGBO))).toBe(0);
  });
});

describe('the fetch cache, off', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack({ gateway: { cache: false } }); });
  afterAll(() => stack.stop());

  it('asks the subgraphs for every read', async () => {
    await stack.gql(NINGBO);
    expect(await subgraphCalls(stack, () => stack.gql(NINGBO))).toBeGreaterThan(0);
    expect(stack.gateway.cache.serving).toBe(false);
  });
});
