import { analyst, startStack, subscribe, type TestStack } from '../harness';

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
  });

  it('does the same over WebSocket and SSE', async () => {
    for (const transport of ['ws', 'sse'] as const) {
      for (const query of ['{ __schema { types { name } } }', 'subscription { changez { cursor } }']) {
        const sub = subscribe(stack.gatewayUrl, query, {}, { transport, headers: analyst });
        let failure: unknown = null;
        try {
          const [first] = await sub.waitFor(1, 3000);
          failure = first.errors;
        } catch {
          failure = sub.failure;
        }
        const codes = (failure as { extensions?: { code?: string } }[] | null)?.map((e) => e.extensions?.code);
        expect({ transport, query, codes }).toEqual({ transport, query, codes: expect.arrayContaining(['GRAPHQL_VALIDATION_FAILED']) });
        expect(new Set(codes)).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
        expect(JSON.stringify(failure)).not.toMatch(/Did you mean|"changes"/);
        await sub.close();
      }
    }
  });
});
