import {
  bearer, eventually, officeOf, partner, startStack, subscribe, testToken, webSocketClient, type Received, type TestStack,
} from '../harness';

const RECORD_CAPACITY = `mutation ($input: CapacityRecordInput!) {
  zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } }
}`;
const RECORD_CAPACITY_SH = `mutation ($input: CapacityRecordInput!) {
  shanghai { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } }
}`;
const CHANGES = `subscription ($after: String) {
  changes(provinces: [ZHEJIANG, SHANGHAI], after: $after) { id cursor province entity recordId kind actor }
}`;

/** A change event: `id` is the event's own (`<PROVINCE>:<position>`), `recordId` the changed record's key. */
type Change = { id: string; cursor: string; province: string; entity: string; recordId: string; kind: string };
const changesOf = (received: Received[]) => received.map((r) => {
  expect(r.errors).toBeUndefined();
  return (r.data as { changes: Change }).changes;
});
/** The position of each province in a regional cursor (white box: the cursor is base64url JSON). */
const positionsIn = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, number>;
/** The gateway's fetch cache follows the region's change feed: one regional subscription, one on each province's feed. */
const CACHE_FEED = 1;
/** A stack whose fetch cache follows the feed already, so that the upstream counts below are steady. */
async function startFollowingStack(options: Parameters<typeof startStack>[0] = {}): Promise<TestStack> {
  const stack = await startStack(options);
  await eventually(() => stack.gateway.cache.serving && stack.region.feeds.openSubscriptions === CACHE_FEED, 5000, 'the cache following the feed');
  return stack;
}

let period = 0;
/** A new month of Zhejiang (or Shanghai) capacity: one CREATED change event each. */
async function recordCapacity(stack: TestStack, province: 'ZHEJIANG' | 'SHANGHAI' = 'ZHEJIANG') {
  period++;
  const month = `${2040 + Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, '0')}`;
  const portCode = province === 'ZHEJIANG' ? 'CNNBO' : 'CNSGH';
  const res = await stack.gql(province === 'ZHEJIANG' ? RECORD_CAPACITY : RECORD_CAPACITY_SH, {
    input: { portCode, agency: 'MARITIME', period: month, throughputTeu: 1000 + period, clearance24x7: true },
  }, officeOf(province));
  return { res, recordId: `${portCode}:MARITIME:${month}` };
}

describe('subscriptions through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startFollowingStack(); });
  afterAll(() => stack.stop());

  it('delivers a Zhejiang route change with fields from Zhejiang, region and Shanghai', async () => {
    const sub = subscribe(stack.gatewayWsUrl, `subscription {
      routeChanged(provinces: [ZHEJIANG]) {
        cursor province kind changedFields
        record { ... on Route { __typename id carrier status origin { code nameEn } destination { __typename code province nameEn openingStatus } } }
      }
    }`, {}, { headers: partner });
    await eventually(() => stack.region.feeds.openSubscriptions === 1 + CACHE_FEED, 5000, 'region subscribed');
    const res = await stack.gql(`mutation ($input: RouteInput!) { zhejiang { upsertRoute(input: $input) { route { id } changeCursor } } }`, {
      input: { id: 'ZJ-SUB-R1', mode: 'SEA', carrier: 'COSCO Shipping Lines', originPortCode: 'CNNBO', destinationPortCode: 'CNSGH',
        weeklyFrequency: 2, status: 'OPERATING' },
    }, officeOf('ZHEJIANG'));
    expect(res.errors).toBeUndefined();
    const [event] = await sub.waitFor(1);
    expect(event.errors).toBeUndefined();
    expect(event.data).toEqual({ routeChanged: {
      cursor: expect.any(String), province: 'ZHEJIANG', kind: 'CREATED', changedFields: expect.arrayContaining(['carrier']),
      record: {
        __typename: 'ZhejiangRoute', id: 'ZJ-SUB-R1', carrier: 'COSCO Shipping Lines', status: 'OPERATING',
        origin: { code: 'CNNBO', nameEn: expect.any(String) },
        // Served by Shanghai's subgraph: the gateway ran the rest of the plan for this event.
        destination: { __typename: 'ShanghaiPort', code: 'CNSGH', province: 'SHANGHAI', nameEn: expect.any(String), openingStatus: expect.any(String) },
      },
    } });
    await sub.close();
  });

  it.each(['ws', 'sse'] as const)('closes the upstream subscriptions at once when the subscriber unsubscribes (%s)', async (transport) => {
    await eventually(() => stack.region.feeds.openSubscriptions === CACHE_FEED, 2000, 'earlier subscriptions closed');
    const sub = subscribe(stack.gatewayUrl, CHANGES, {}, { transport, headers: partner });
    await eventually(() => stack.provinces.ZHEJIANG.subgraph.feed.openSubscriptions === 1 + CACHE_FEED
      && stack.provinces.SHANGHAI.subgraph.feed.openSubscriptions === 1 + CACHE_FEED, 5000, 'subscribed to both feeds');
    expect(stack.gateway.subscriptions.openSubscriptions).toBe(1);
    expect(stack.region.feeds.openSubscriptions).toBe(1 + CACHE_FEED);
    await sub.close();
    const took = await eventually(() => stack.gateway.subscriptions.openSubscriptions === 0
      && stack.region.feeds.openSubscriptions === CACHE_FEED
      && Object.values(stack.provinces).every((p) => p.subgraph.feed.openSubscriptions === CACHE_FEED), 2000, 'every upstream closed');
    expect(took).toBeLessThan(2000);
  });

  it.each(['ws', 'sse'] as const)('replays exactly the events missed while disconnected, in order per province (%s)', async (transport) => {
    // Starting from the cursor of now, so that the first write cannot slip in before the subscription is open.
    const now = await stack.gql('{ changeCursor }', {}, partner);
    const first = subscribe(stack.gatewayUrl, CHANGES, { after: now.data?.changeCursor }, { transport, headers: partner });
    expect((await recordCapacity(stack)).res.errors).toBeUndefined();
    const [seen] = changesOf(await first.waitFor(1));
    await first.close();

    const missed = [await recordCapacity(stack), await recordCapacity(stack, 'SHANGHAI'), await recordCapacity(stack)];
    for (const m of missed) expect(m.res.errors).toBeUndefined();

    const again = subscribe(stack.gatewayUrl, CHANGES, { after: seen.cursor }, { transport, headers: partner });
    const replayed = changesOf(await again.waitFor(3));
    expect(replayed.map((c) => c.recordId).sort()).toEqual(missed.map((m) => m.recordId).sort());
    expect(replayed.filter((c) => c.province === 'ZHEJIANG').map((c) => c.recordId)).toEqual([missed[0].recordId, missed[2].recordId]);
    expect(replayed.every((c) => c.entity === 'CAPACITY_RECORD' && c.kind === 'CREATED')).toBe(true);
    // Each event's own id is its province's position in the feed, which its cursor carries too.
    for (const c of [seen, ...replayed]) expect(c.id).toBe(`${c.province}:${positionsIn(c.cursor)[c.province]}`);
    // Live again after the replay, and nothing twice.
    const live = await recordCapacity(stack, 'SHANGHAI');
    const [, , , next] = changesOf(await again.waitFor(4));
    expect(next.recordId).toBe(live.recordId);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.received).toHaveLength(4);
    await again.close();
  });

  it('shares one upstream among identical subscriptions at the same cursor, each subscriber getting every event once', async () => {
    await eventually(() => stack.region.feeds.openSubscriptions === CACHE_FEED, 2000, 'earlier subscriptions closed');
    const partners = [1, 2, 3, 4].map((i) => bearer(testToken({ sub: `sharing-partner-${i}`, role: 'partner' })));
    const now = await stack.gql('{ changeCursor }', {}, partner);
    const first = partners.slice(0, 3).map((p, i) => subscribe(stack.gatewayUrl, CHANGES, { after: now.data?.changeCursor },
      { headers: p, transport: i === 2 ? 'sse' : 'ws' }));
    await eventually(() => stack.gateway.subscriptions.openSubscriptions === 3, 5000, 'three subscribed');
    await eventually(() => stack.region.feeds.openSubscriptions === 1 + CACHE_FEED, 5000, 'one upstream');
    const written = [await recordCapacity(stack), await recordCapacity(stack, 'SHANGHAI')];
    const seen = await Promise.all(first.map(async (sub) => changesOf(await sub.waitFor(2))));
    for (const changes of seen) expect(changes.map((c) => c.recordId)).toEqual(written.map((w) => w.recordId));

    // Joining where the stream stands now: only what comes after, on the same upstream.
    const late = subscribe(stack.gatewayWsUrl, CHANGES, { after: seen[0][1].cursor }, { headers: partners[3] });
    await eventually(() => stack.gateway.subscriptions.openSubscriptions === 4, 5000, 'the fourth subscribed');
    expect(stack.region.feeds.openSubscriptions).toBe(1 + CACHE_FEED);
    // Resuming from further back: a stream of its own, which replays; caught up to where the shared one stands, its
    // subscriber goes on with that one, and its own upstream closes.
    // Resuming from a cursor the stream has passed: its events since, from the stream's history, then the live ones,
    // on the same upstream.
    const behind = subscribe(stack.gatewayWsUrl, CHANGES, { after: seen[0][0].cursor }, { headers: partner });
    expect(changesOf(await behind.waitFor(1)).map((c) => c.recordId)).toEqual([written[1].recordId]);
    expect([stack.gateway.subscriptions.openSubscriptions, stack.region.feeds.openSubscriptions]).toEqual([5, 1 + CACHE_FEED]);
    // From where the stream started, the cursor spelled another way (the same positions): every event since.
    const respelled = Buffer.from(JSON.stringify(positionsIn(String(now.data?.changeCursor)), null, 2)).toString('base64url');
    expect(respelled).not.toBe(now.data?.changeCursor);
    const fromStart = subscribe(stack.gatewayWsUrl, CHANGES, { after: respelled }, { headers: partner });
    expect(changesOf(await fromStart.waitFor(2)).map((c) => c.recordId)).toEqual(written.map((w) => w.recordId));
    expect([stack.gateway.subscriptions.openSubscriptions, stack.region.feeds.openSubscriptions]).toEqual([6, 1 + CACHE_FEED]);

    // One leaves; the others go on.
    await first[0].close();
    const next = await recordCapacity(stack);
    for (const sub of [first[1], first[2]]) expect(changesOf(await sub.waitFor(3))[2].recordId).toBe(next.recordId);
    expect(changesOf(await late.waitFor(1)).map((c) => c.recordId)).toEqual([next.recordId]);
    expect(changesOf(await behind.waitFor(2))[1].recordId).toBe(next.recordId);
    expect(changesOf(await fromStart.waitFor(3))[2].recordId).toBe(next.recordId);
    await new Promise((r) => setTimeout(r, 300));
    expect([first[1], first[2], late, behind, fromStart].map((sub) => sub.received.length)).toEqual([3, 3, 1, 2, 3]);
    for (const sub of [first[1], first[2], late, behind, fromStart]) await sub.close();
    await eventually(() => stack.region.feeds.openSubscriptions === CACHE_FEED && stack.gateway.subscriptions.openSubscriptions === 0,
      2000, 'every upstream closed');
  });

  it('answers a bad cursor with a masked BAD_USER_INPUT error and keeps the socket serving', async () => {
    const client = webSocketClient(stack.gatewayWsUrl, partner);
    const bad = subscribe(stack.gatewayWsUrl, CHANGES, { after: 'not-a-cursor' }, { client });
    const [result] = await bad.waitFor(1, 5000);
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after', serviceName: 'region' }),
    })]);
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|\.js:|stack/);
    await eventually(() => bad.completed, 2000, 'subscription ended');
    // The same connection still serves.
    const after = subscribe(stack.gatewayWsUrl, '{ changeCursor }', {}, { client });
    expect((await after.waitFor(1))[0].errors).toBeUndefined();
    await client.dispose();
  });

  it('resumes after the last delivered event when the region subgraph restarts mid-subscription', async () => {
    const now = await stack.gql('{ changeCursor }', {}, partner);
    const sub = subscribe(stack.gatewayWsUrl, CHANGES, { after: now.data?.changeCursor }, { headers: partner });
    const before = [await recordCapacity(stack), await recordCapacity(stack, 'SHANGHAI')];
    await sub.waitFor(2);
    await stack.restartRegion();
    // Written while the gateway reconnects: delivered once it has resubscribed from the last cursor.
    const during = [await recordCapacity(stack), await recordCapacity(stack)];
    const changes = changesOf(await sub.waitFor(4, 10_000));
    expect(changes.map((c) => c.recordId).sort()).toEqual([...before, ...during].map((w) => w.recordId).sort());
    expect(changes.filter((c) => c.province === 'ZHEJIANG').map((c) => c.recordId)).toEqual([before[0], ...during].map((w) => w.recordId));
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.received).toHaveLength(4);
    await sub.close();
  });

  it('ends a subscription with UNAUTHENTICATED when its token expires, so that the partner resumes with a new one', async () => {
    const shortLived = bearer(testToken({ sub: 'short-lived-partner', role: 'partner', exp: Math.floor(Date.now() / 1000) + 2 }));
    const sub = subscribe(stack.gatewayWsUrl, CHANGES, {}, { headers: shortLived });
    await eventually(() => sub.failure !== null, 6000, 'the subscription ended');
    expect(sub.failure).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    await sub.close();
  });

  it('serves queries and mutations over the same WebSocket', async () => {
    const query = subscribe(stack.gatewayWsUrl, '{ port(code: "CNSHA") { code province nameEn } changeCursor }', {}, { headers: partner });
    const [result] = await query.waitFor(1);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ port: { code: 'CNSHA', province: 'SHANGHAI', nameEn: expect.any(String) }, changeCursor: expect.any(String) });
    await query.close();
  });
});

describe('subscriptions while a province subgraph is killed and restarted', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startFollowingStack({ processes: ['ZHEJIANG'] }); }, 60_000);
  afterAll(() => stack.stop());

  it.each(['ws', 'sse'] as const)('loses no event and repeats none (%s)', async (transport) => {
    const sub = subscribe(stack.gatewayUrl, CHANGES, {}, { transport, headers: partner });
    await eventually(() => stack.region.feeds.openSubscriptions === 1 + CACHE_FEED, 5000, 'region subscribed');
    const written: string[] = [];
    const write = async (province: 'ZHEJIANG' | 'SHANGHAI' = 'ZHEJIANG') => {
      const { res, recordId } = await recordCapacity(stack, province);
      if (!res.errors) written.push(recordId);
      return res;
    };
    for (let i = 0; i < 3; i++) expect((await write()).errors).toBeUndefined();
    await sub.waitFor(3);

    await stack.processes.ZHEJIANG.kill();
    expect((await write('SHANGHAI')).errors).toBeUndefined();
    const refused = await write();
    expect(refused.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    await stack.processes.ZHEJIANG.restart();
    for (let i = 0; i < 3; i++) expect((await write()).errors).toBeUndefined();

    const changes = changesOf(await sub.waitFor(written.length, 15_000));
    expect(changes.map((c) => c.recordId).sort()).toEqual([...written].sort());
    // Zhejiang's positions, read from each event's cursor, advance one by one: no gap, no repeat.
    const zj = changes.filter((c) => c.province === 'ZHEJIANG').map((c) => positionsIn(c.cursor).ZHEJIANG);
    expect(zj).toHaveLength(6);
    zj.forEach((position, i) => { if (i > 0) expect(position).toBe(zj[i - 1] + 1); });
    await new Promise((r) => setTimeout(r, 500));
    expect(sub.received).toHaveLength(written.length);
    await sub.close();
    await eventually(() => stack.region.feeds.openSubscriptions === CACHE_FEED, 2000, 'closed');
  }, 60_000);
});
