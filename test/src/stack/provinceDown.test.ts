import { startStack, type TestStack } from '../harness';

describe('one province down', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ provinceTimeoutMs: 1000 });
    await stack.stopProvince('JIANGSU');
  });
  afterAll(() => stack.stop());

  const clean = (errors: { message: string; extensions?: Record<string, unknown> }[] = []) => {
    const text = JSON.stringify(errors);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|fetch failed|stack|at \w+ \(/i);
  };

  it('still lists the other provinces\' ports, with an error naming the missing one', async () => {
    const res = await stack.gql('{ ports(first: 100) { totalCount nodes { code province nameEn } } }');
    const nodes = (res.data?.ports as { nodes: { province: string; nameEn: string }[] }).nodes;
    expect(new Set(nodes.map((p) => p.province))).toEqual(new Set(['ZHEJIANG', 'SHANGHAI']));
    for (const p of nodes) expect(p.nameEn).toEqual(expect.any(String));
    expect(res.errors).toEqual([expect.objectContaining({
      extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'jiangsu' }),
    })]);
    clean(res.errors);
  });

  it('answers per-province roots of the others and a named, clean error for the one down', async () => {
    const res = await stack.gql('{ zhejiang { ports { nodes { code } } } shanghai { ports { nodes { code } } } jiangsu { ports { nodes { code } } } }');
    expect((res.data?.zhejiang as { ports: { nodes: unknown[] } }).ports.nodes.length).toBeGreaterThan(0);
    expect((res.data?.shanghai as { ports: { nodes: unknown[] } }).ports.nodes.length).toBeGreaterThan(0);
    expect(res.data?.jiangsu).toBeNull();
    expect(res.errors).toEqual([expect.objectContaining({
      extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'jiangsu' }),
    })]);
    clean(res.errors);
  });

  it('leaves a cross-province route\'s destination in the missing province null, and the route itself standing', async () => {
    const res = await stack.gql(`{ routes(filter: { fromProvinces: [SHANGHAI], toProvinces: [JIANGSU] }) {
      totalCount nodes { __typename id carrier origin { code nameEn } destination { code nameEn } } } }`);
    type Route = { __typename: string; id: string; carrier: string; origin: { code: string; nameEn: string }; destination: unknown };
    const { totalCount, nodes: routes } = res.data?.routes as { totalCount: number; nodes: Route[] };
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toHaveLength(totalCount);
    // Shanghai's own data stands; the destination, whose own fields are non-null, is null as a whole.
    for (const r of routes) {
      expect(r).toEqual({ __typename: 'ShanghaiRoute', id: expect.any(String), carrier: expect.any(String),
        origin: { code: expect.any(String), nameEn: expect.any(String) }, destination: null });
    }
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.errors?.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.subgraph === 'jiangsu')).toBe(true);
    clean(res.errors);
  });
});
