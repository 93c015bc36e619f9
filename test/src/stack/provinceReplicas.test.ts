import { createGateway, SUPERGRAPH_FILE, type Gateway } from '@yrd/gateway';
import { provinceServices, ProvinceRegistry } from '@yrd/domain';
import { loadAuthenticator } from '@yrd/service';
import { createRegionSubgraph, type RegionSubgraph } from '@yrd/subgraph-region';
import {
  changeEvents, lastEventId, officeOf, partner, startStack, startTestProvince, subscribe, type Received, type TestProvince, type TestStack,
} from '../harness';

const ZJ = officeOf('ZHEJIANG');
const RECORD_CAPACITY = `mutation ($input: CapacityRecordInput!, $key: String) {
  zhejiang { recordClearanceCapacity(input: $input, idempotencyKey: $key) { capacityRecord { id version } changeCursor } }
}`;
const UPDATE_PORT = `mutation ($input: PortUpdateInput!, $v: Int!) {
  zhejiang { updatePort(code: "CNNBO", input: $input, expectedVersion: $v) { port { version } changeCursor } }
}`;
const CHANGES = `subscription ($after: String) { changes(provinces: [ZHEJIANG], after: $after) { id recordId kind } }`;

/**
 * Two replicas of Zhejiang over one database, each behind a region and a gateway of its own (as two hosts would run
 * them): writes through either keep the rules, and a subscriber on either gateway gets every change once.
 */
describe('two replicas of a province over one database', () => {
  let stack: TestStack;
  let replica: TestProvince;
  let region: RegionSubgraph;
  let gateway: Gateway;
  let secondUrl: string;
  const post = async (url: string, query: string, variables: Record<string, unknown>, headers = ZJ) =>
    (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) }))
      .json() as Promise<{ data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] }>;

  beforeAll(async () => {
    stack = await startStack();
    const registry = new ProvinceRegistry();
    replica = await startTestProvince('ZHEJIANG', { db: stack.database });
    const authenticator = loadAuthenticator(stack.database.dataDir, registry.codes);
    const urls = stack.gateway.subscriptions.subgraphUrls;
    region = createRegionSubgraph({
      registry, authenticator,
      endpoints: provinceServices().map((s) => ({ province: s.code, url: s.code === 'ZHEJIANG' ? replica.url : urls[registry.names(s.code).field] })),
    });
    await region.server.start();
    const regionUrl = await region.server.listen(0);
    gateway = createGateway({ supergraphFile: SUPERGRAPH_FILE, authenticator, subgraphUrls: { ...urls, region: regionUrl, zhejiang: replica.url } });
    await gateway.server.start();
    secondUrl = await gateway.server.listen(0);
  });
  afterAll(async () => {
    await gateway.server.stop();
    await region.server.stop();
    await replica.stop();
    await stack.stop();
  });

  it('keeps idempotency and versions across the replicas, and delivers every change once on either gateway', async () => {
    const outboxBefore = await lastEventId(stack.provinces.ZHEJIANG.database);
    const start = await post(stack.gatewayUrl, '{ changeCursor }', {}, partner);
    const after = start.data?.changeCursor as string;
    const onFirst = subscribe(stack.gatewayWsUrl, CHANGES, { after }, { headers: partner });
    const onSecond = subscribe(secondUrl, CHANGES, { after }, { headers: partner });
    const gateways = [stack.gatewayUrl, secondUrl];
    // Six records, alternately through each replica.
    for (let i = 0; i < 6; i++) {
      const res = await post(gateways[i % 2], RECORD_CAPACITY, { input: { portCode: 'CNNBO', agency: 'MARITIME', period: `2071-0${i + 1}`, throughputTeu: 10 + i, clearance24x7: true } });
      expect(res.errors).toBeUndefined();
    }
    // One idempotency key through both: the second answers the first's record, and writes nothing.
    const once = { input: { portCode: 'CNNBO', agency: 'MARITIME', period: '2071-09', throughputTeu: 99, clearance24x7: true }, key: 'replicas-once' };
    const first = await post(stack.gatewayUrl, RECORD_CAPACITY, once);
    const again = await post(secondUrl, RECORD_CAPACITY, once);
    expect(again.data).toEqual(first.data);
    // One expected version through both: the first wins, the second is a CONFLICT.
    const port = await post(secondUrl, '{ zhejiang { port(code: "CNNBO") { version } } }', {});
    const version = (port.data?.zhejiang as { port: { version: number } }).port.version;
    expect((await post(stack.gatewayUrl, UPDATE_PORT, { input: { city: '宁波' }, v: version })).errors).toBeUndefined();
    const stale = await post(secondUrl, UPDATE_PORT, { input: { city: 'Ningbo' }, v: version });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Eight changes in the outbox since the cursor; each subscriber has exactly those, once each, in order.
    const outbox = await changeEvents(stack.provinces.ZHEJIANG.database, outboxBefore);
    expect(outbox).toHaveLength(8);
    const expected = outbox.map((e) => `ZHEJIANG:${e.id}`);
    const ids = (received: Received[]) => received.map((r) => (r.data as { changes: { id: string } }).changes.id);
    expect(ids(await onFirst.waitFor(8, 15_000))).toEqual(expected);
    expect(ids(await onSecond.waitFor(8, 15_000))).toEqual(expected);
    await new Promise((r) => setTimeout(r, 1000));
    expect(onFirst.received).toHaveLength(8);
    expect(onSecond.received).toHaveLength(8);
    await Promise.all([onFirst.close(), onSecond.close()]);
  }, 60_000);
});
