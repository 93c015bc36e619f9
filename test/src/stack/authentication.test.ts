import request from 'supertest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { analyst, bearer, officeOf, partner, snapshot, startStack, testToken, type TestStack } from '../harness';

const QUERY = '{ __typename }';
const now = () => Math.floor(Date.now() / 1000);
const tamper = (token: string) => {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, role: 'office', province: 'SHANGHAI' })).toString('base64url'), signature].join('.');
};

/** Headers that must each be refused with 401 UNAUTHENTICATED, and the reason the answer gives. */
const REFUSED: [string, Record<string, string>, RegExp][] = [
  ['no token', {}, /Authentication required/],
  ['a token that is not Bearer', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, /Bearer/],
  ['an expired token', bearer(testToken({ sub: 'partner', role: 'partner', exp: now() - 60 })), /expired/],
  ['a tampered token', bearer(tamper(testToken({ sub: 'partner', role: 'partner' }))), /signature/],
  ['a token signed with another key', bearer(testToken({ sub: 'partner', role: 'partner' }, 'some-other-key-of-at-least-32-characters')), /signature/],
  ['a token for another audience', bearer(testToken({ sub: 'partner', role: 'partner', aud: 'elsewhere' })), /aud/],
  ['an office token without a province', bearer(testToken({ sub: 'clerk', role: 'office' })), /province/],
  ['garbage', { authorization: 'Bearer not.a.token' }, /malformed/],
];

describe('authentication', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  const services = () => ({
    gateway: stack.gateway.server.httpServer,
    region: stack.region.server.httpServer,
    ...Object.fromEntries(Object.entries(stack.provinces).map(([code, p]) => [code.toLowerCase(), p.subgraph.server.httpServer])),
  });

  it.each(REFUSED)('refuses %s at the gateway and at every subgraph reached directly', async (_what, headers, reason) => {
    for (const [name, server] of Object.entries(services())) {
      const res = await request(server).post('/graphql').set('content-type', 'application/json').set(headers).send({ query: QUERY });
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
      expect(res.body.errors[0].message).toMatch(reason);
      expect(res.body.data).toBeUndefined();
    }
  });

  it('admits a valid token of each role everywhere', async () => {
    for (const headers of [analyst, partner, officeOf('JIANGSU')]) {
      for (const [name, server] of Object.entries(services())) {
        const res = await request(server).post('/graphql').set('content-type', 'application/json').set(headers).send({ query: QUERY });
        expect({ name, status: res.status, errors: res.body.errors }).toEqual({ name, status: 200, errors: undefined });
      }
    }
  });

  it.each([
    ['the gateway', () => stack.gatewayWsUrl],
    ['the region', () => stack.region.server.httpServer],
    ['a province feed', () => stack.provinces.ZHEJIANG.subgraph.server.httpServer],
  ])('closes a WebSocket to %s with 4401 and the reason when the token is refused', async (_where, target) => {
    const t = target();
    let url: string;
    if (typeof t === 'string') url = t;
    else {
      const address = t.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      url = `ws://127.0.0.1:${port}/${t === stack.region.server.httpServer ? 'graphql' : 'feed'}`;
    }
    for (const [, headers, reason] of REFUSED.slice(0, 5)) {
      const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: headers, lazy: true });
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
        client.subscribe({ query: '{ __typename }' }, {
          next: () => undefined, complete: () => resolve({ code: 0, reason: 'completed' }),
          error: (e) => resolve(e as { code: number; reason: string }),
        });
      });
      expect(closed.code).toBe(4401);
      expect(closed.reason).toMatch(reason);
      await client.dispose();
    }
  });

  it('refuses Server-Sent Events without a valid token with 401', async () => {
    const res = await request(stack.gateway.server.httpServer).post('/graphql/stream')
      .set('accept', 'text/event-stream').set('content-type', 'application/json').send({ query: 'subscription { changes { cursor } }' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
  });
});

describe('province isolation', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  const UPDATE_SH_PORT = `mutation { shanghai { updatePort(code: "CNSGH", input: { nameEn: "Renamed" }, expectedVersion: 1) { port { code nameEn } changeCursor } } }`;
  const COMMIT_AS_SH = `mutation { shanghai { commitToInitiative(input: {
    initiativeId: "ZJ-2006-EPORT", lead: ZHEJIANG, summary: "Rewritten", responsibleUnit: "Someone" }, expectedVersion: 1) { commitment { id } changeCursor } } }`;

  it.each([
    ['a Zhejiang clerk changing a Shanghai port', UPDATE_SH_PORT, officeOf('ZHEJIANG')],
    ['a Zhejiang clerk writing Shanghai\'s commitment to a Zhejiang initiative', COMMIT_AS_SH, officeOf('ZHEJIANG')],
    ['a partner system', UPDATE_SH_PORT, partner],
    ['an analyst', COMMIT_AS_SH, analyst],
  ])('refuses %s with FORBIDDEN and writes nothing', async (_what, mutation, headers) => {
    const before = await snapshot(stack.provinces.SHANGHAI.database);
    const beforeZj = await snapshot(stack.provinces.ZHEJIANG.database);
    const res = await stack.gql(mutation, {}, headers);
    expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    expect(await snapshot(stack.provinces.SHANGHAI.database)).toEqual(before);
    expect(await snapshot(stack.provinces.ZHEJIANG.database)).toEqual(beforeZj);
  });

  it('lets Shanghai\'s own clerk make the same change', async () => {
    const res = await stack.gql(UPDATE_SH_PORT, {}, officeOf('SHANGHAI'));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ shanghai: { updatePort: { port: { code: 'CNSGH', nameEn: 'Renamed' }, changeCursor: expect.any(String) } } });
  });
});
