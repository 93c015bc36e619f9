import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ProvinceRegistry } from '@yrd/domain';
import {
  CLEARANCE_FIELDS, CapacityRecordRow, CommitmentRow, InitiativeRow, MilestoneRow, PortRow, RouteRow, TerminalCargoClassRow, TerminalRow,
  TerminalStepRow, generateSeed,
} from '@yrd/province';
import { rowsByKeys } from '@yrd/storage';
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

  it('reads every kind batched by keys as TypeORM\'s find reads it: the same rows, values, types and order per key', async () => {
    const ds = zhejiang.database.dataSource;
    const check = async <T extends ObjectLiteral>(entity: EntityTarget<T>, column: keyof T & string, order: (keyof T & string)[] = [],
      select?: (keyof T & string)[]) => {
      const repo = ds.getRepository(entity);
      const some = await repo.find({ take: 60 });
      const keys = [...new Set(some.map((row) => String(row[column])))].slice(0, 40);
      expect(keys.length).toBeGreaterThan(1);
      keys.splice(1, 0, 'NOT-A-KEY');
      const expected = await repo.find({
        where: { [column]: In(keys) } as never, order: Object.fromEntries(order.map((o) => [o, 'ASC'])) as never,
        select: select && (Object.fromEntries(select.map((p) => [p, true])) as never),
      });
      const read = await rowsByKeys(ds, entity, column, { order, select })(keys);
      // Per key, in the order asked of the statement; across keys the database may interleave them either way.
      const byKey = (rows: T[]) => keys.map((k) => rows.filter((r) => String(r[column]) === k));
      expect(byKey(read)).toStrictEqual(byKey(expected));
      expect(read.length).toBe(expected.length);
      expect(read.length).toBeGreaterThan(1);
    };
    await check(PortRow, 'code');
    await check(PortRow, 'code', [], ['code', ...CLEARANCE_FIELDS]);
    await check(TerminalRow, 'id');
    await check(TerminalRow, 'portCode', ['id']);
    await check(CapacityRecordRow, 'id');
    await check(RouteRow, 'id');
    await check(RouteRow, 'originPortCode', ['id']);
    await check(InitiativeRow, 'id');
    await check(CommitmentRow, 'id');
    await check(TerminalCargoClassRow, 'terminalId', ['cargoClass']);
    await check(TerminalStepRow, 'terminalId', ['seq']);
    await check(MilestoneRow, 'initiativeId', ['seq']);
  });

  it('answers null for a key it does not hold, in place', async () => {
    const res = await resolve([codes[0], 'CNZZZ', codes[1]]);
    const entities = res.data?._entities as ({ code: string } | null)[];
    expect(entities.map((e) => e?.code ?? null)).toEqual([codes[0], null, codes[1]]);
  });
});
