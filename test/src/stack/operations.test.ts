import request from 'supertest';
import { analyst, startStack, type TestStack } from '../harness';

type Ready = { status: string; checks: { name: string; status: string }[] };

describe('operating the platform: health and metrics', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  const ready = async () => {
    const res = await request(stack.gateway.server.httpServer).get('/health/ready');
    return { code: res.status, ...(res.body as Ready) };
  };

  it('lists every subgraph in the gateway readiness, and each subgraph lists its database', async () => {
    const now = await ready();
    expect(now.code).toBe(200);
    expect(new Set(now.checks.map((c) => c.name))).toEqual(new Set(['region', 'zhejiang', 'shanghai', 'jiangsu', 'webhooks']));
    expect(now.checks.every((c) => c.status === 'up')).toBe(true);
    const zj = await request(stack.provinces.ZHEJIANG.subgraph.server.httpServer).get('/health/ready');
    expect(zj.body).toEqual({ status: 'ready', service: 'zhejiang', checks: [{ name: 'database', status: 'up' }] });
  });

  it('shows the request and subgraph series moving after a query', async () => {
    const metrics = async (server: TestStack['gateway']['server']['httpServer']) => (await request(server).get('/metrics')).text;
    const value = (text: string, series: RegExp) => {
      const line = text.split('\n').find((l) => series.test(l));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = await metrics(stack.gateway.server.httpServer);
    const res = await stack.gql('query RegionPorts { ports(first: 5) { nodes { code nameEn } } }', {}, analyst);
    expect(res.errors).toBeUndefined();
    const after = await metrics(stack.gateway.server.httpServer);
    expect(value(after, /^yrd_graphql_requests_total\{operation="RegionPorts",outcome="ok"\}/)).toBe(value(before, /^yrd_graphql_requests_total\{operation="RegionPorts",outcome="ok"\}/) + 1);
    expect(value(after, /^yrd_graphql_request_duration_seconds_count\{operation="RegionPorts"\}/)).toBe(1);
    for (const subgraph of ['region', 'zhejiang']) {
      const series = new RegExp(`^yrd_subgraph_fetch_duration_seconds_count\\{subgraph="${subgraph}"\\}`);
      expect(value(after, series)).toBeGreaterThan(value(before, series));
    }
    expect(after).toMatch(/^yrd_subscriptions_open \d+/m);
    expect(after).toMatch(/^process_resident_memory_bytes\{service="gateway"\} \d+/m);
    const province = await metrics(stack.provinces.ZHEJIANG.subgraph.server.httpServer);
    expect(province).toMatch(/^yrd_database_connections [1-9]\d*$/m);
    // The gateway names its fetches after the operation: the subgraphs count them under that name.
    expect(province).toMatch(/^yrd_graphql_requests_total\{operation="RegionPorts__zhejiang__\d+",outcome="ok"\} 1$/m);
  });

  it('gives each request an id, passes on the one a caller sent, and replaces a malformed one', async () => {
    const mine = await request(stack.gateway.server.httpServer).post('/graphql').set(analyst).set('x-request-id', 'trace-42')
      .send({ query: '{ changeCursor }' });
    expect(mine.headers['x-request-id']).toBe('trace-42');
    const made = await request(stack.gateway.server.httpServer).post('/graphql').set(analyst).set('x-request-id', 'bad id with spaces')
      .send({ query: '{ changeCursor }' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns unready within 5 seconds of a subgraph stopping, naming it, and ready again once it is back', async () => {
    await stack.stopProvince('JIANGSU');
    const started = Date.now();
    let now = await ready();
    while (now.code === 200 && Date.now() - started < 5000) now = await ready();
    expect(now.code).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(now.checks.find((c) => c.name === 'jiangsu')?.status).toBe('down');
    expect(now.checks.filter((c) => c.status === 'down').map((c) => c.name)).toEqual(['jiangsu']);
    await stack.startProvinceAgain('JIANGSU');
    let back = await ready();
    const returned = Date.now();
    while (back.code !== 200 && Date.now() - returned < 5000) back = await ready();
    expect(back.code).toBe(200);
    expect(back.checks.every((c) => c.status === 'up')).toBe(true);
  });
});
