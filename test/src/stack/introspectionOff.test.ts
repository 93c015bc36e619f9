import request from 'supertest';
import { analyst, startStack, subscribe, type Received, type TestStack } from '../harness';

describe('with introspection off (as in production)', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack({ gateway: { introspection: false } }); });
  afterAll(() => stack.stop());

  it('refuses introspection and gives no field suggestions over HTTP', async () => {
    const schema = await stack.gql('{ __schema { types { name } } }');
    expect(schema.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(schema.data ?? undefined).toBeUndefined();
    const typo = await stack.gql('{ portz(first: 1) { totalCount } }');
    expect(typo.errors?.[0].message).toMatch(/Cannot query field "portz"/);
    expect(JSON.stringify(typo)).not.toMatch(/Did you mean|"ports"/);
    const variable = await stack.gql('query ($f: PortFilter) { ports(filter: $f) { totalCount } }', { f: { provincez: ['ZHEJIANG'] } });
    expect(variable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(variable)).not.toMatch(/Did you mean|"provinces"/);
  });

  it('does the same over WebSocket and SSE', async () => {
    for (const query of ['{ __schema { types { name } } }', 'subscription { changez { cursor } }']) {
      const sub = subscribe(stack.gatewayWsUrl, query, {}, { headers: analyst });
      const [result] = await sub.waitFor(1, 3000).catch(() => [{ errors: sub.failure as Received['errors'] }]);
      await sub.close();
      const sse = await request(stack.gateway.server.httpServer).post('/graphql/stream').set('accept', 'text/event-stream')
        .set('content-type', 'application/json').set(analyst).send({ query });
      expect(sse.status).toBe(400);
      for (const errors of [result.errors, (JSON.parse(sse.text) as Received).errors]) {
        expect(new Set(errors?.map((e) => e.extensions?.code))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
        expect(JSON.stringify(errors)).not.toMatch(/Did you mean|"changes"/);
      }
    }
  });
});
