import { ProvinceRegistry } from '@yrd/domain';
import { generateSeed } from '@yrd/province';
import { startTestProvince, type TestProvince } from '../harness';

const ENTITY_QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on ZhejiangPort { code nameEn openingStatus terminals { nodes { id nameEn cargoClasses steps { stage on } } } routes { nodes { id destination { code } } } latestCapacity { period agency } }
  }
}`;

describe('_entities batching', () => {
  let zhejiang: TestProvince;
  let codes: string[];
  let seed: ReturnType<typeof generateSeed>;
  beforeAll(async () => {
    seed = generateSeed(new ProvinceRegistry(), 'ZHEJIANG', 500);
    codes = seed.ports.map((p) => p.code);
    zhejiang = await startTestProvince('ZHEJIANG', { seed });
  });
  afterAll(() => zhejiang.stop());

  const resolve = (keys: string[]) => zhejiang.gql(ENTITY_QUERY, {
    representations: keys.map((code) => ({ __typename: 'ZhejiangPort', code })),
  });

  it('runs the same number of SQL statements for 1 and for 500 representations', async () => {
    let one: Awaited<ReturnType<typeof resolve>> | undefined;
    let many: Awaited<ReturnType<typeof resolve>> | undefined;
    const forOne = await zhejiang.countQueries(async () => { one = await resolve(codes.slice(0, 1)); });
    const forMany = await zhejiang.countQueries(async () => { many = await resolve(codes); });
    expect(one?.errors).toBeUndefined();
    expect(many?.errors).toBeUndefined();
    expect((many?.data?._entities as unknown[]).length).toBe(500);
    // ports, terminals, their cargo classes, their steps, routes, latest capacity: one statement each.
    expect(forOne).toBe(6);
    expect(forMany).toBe(forOne);
  });

  it('gives each port\'s latest month of each agency, as the records say, for every port asked at once', async () => {
    const latest = new Map<string, string>();
    for (const c of seed.capacity) {
      const key = `${c.portCode} ${c.agency}`;
      if ((latest.get(key) ?? '') < c.period) latest.set(key, c.period);
    }
    const expected = codes.map((code) => [...latest].filter(([key]) => key.startsWith(`${code} `))
      .map(([key, period]) => `${key} ${period}`).sort());
    const res = await resolve(codes);
    const answered = (res.data?._entities as { code: string; latestCapacity: { period: string; agency: string }[] }[])
      .map((port) => port.latestCapacity.map((c) => `${port.code} ${c.agency} ${c.period}`).sort());
    expect(answered).toEqual(expected);
    expect(answered.flat().length).toBe(latest.size);
  });

  it('answers null for a key it does not hold, in place', async () => {
    const res = await resolve([codes[0], 'CNZZZ', codes[1]]);
    const entities = res.data?._entities as ({ code: string } | null)[];
    expect(entities.map((e) => e?.code ?? null)).toEqual([codes[0], null, codes[1]]);
  });
});
