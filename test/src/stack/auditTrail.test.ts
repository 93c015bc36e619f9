import { analyst, officeOf, startStack, type TestStack } from '../harness';

type Entry = {
  id: string; province: string; entity: string; recordId: string; kind: string; at: string; actor: string;
  changes: { field: string; oldValue: string | null; newValue: string | null }[];
};
type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Entry[] };
const ENTRY = 'id province entity recordId kind at actor changes { field oldValue newValue }';

describe('the audit trail: who changed what, when, from which value to which', () => {
  let stack: TestStack;
  let started: string;
  beforeAll(async () => {
    stack = await startStack();
    started = new Date().toISOString();
    const write = async (province: string, mutation: string, variables: Record<string, unknown> = {}) => {
      const declared = 'v' in variables ? '($v: Int)' : '';
      const res = await stack.gql(`mutation ${declared} { ${province.toLowerCase()} { ${mutation} } }`, variables, officeOf(province));
      expect(res.errors).toBeUndefined();
    };
    await write('ZHEJIANG', 'updatePort(code: "CNNBO", input: { city: "Ningbo City", clearanceOnHolidays: false }, expectedVersion: 1) { changeCursor }');
    await write('SHANGHAI', 'upsertRoute(input: { id: "SH-AUDIT-1", mode: SEA, carrier: "COSCO", originPortCode: "CNSGH", destinationPortCode: "CNNBO", weeklyFrequency: 2, status: PLANNED }) { changeCursor }');
    await write('ZHEJIANG', 'updatePort(code: "CNNBO", input: { city: "Ningbo" }, expectedVersion: 2) { changeCursor }');
    await write('SHANGHAI', 'upsertRoute(input: { id: "SH-AUDIT-1", mode: SEA, carrier: "COSCO", originPortCode: "CNSGH", destinationPortCode: "CNNBO", weeklyFrequency: 3, status: OPERATING, openedOn: "2026-01-05" }, expectedVersion: $v) { changeCursor }', { v: 1 });
  });
  afterAll(() => stack.stop());

  const trail = async (args: string, variables?: Record<string, unknown>) => {
    const res = await stack.gql(`query ($after: String, $from: DateTime) { auditTrail(${args}, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY} } } }`, variables, analyst);
    expect(res.errors).toBeUndefined();
    return (res.data as { auditTrail: Page }).auditTrail;
  };

  it('lists every change across the provinces, newest first, with its actor and each field\'s old and new value', async () => {
    const { nodes, totalCount } = await trail('first: 10, filter: { from: $from }', { from: started });
    expect(totalCount).toBe(4);
    expect(nodes.map((e) => [e.province, e.entity, e.recordId, e.kind, e.actor])).toEqual([
      ['SHANGHAI', 'ROUTE', 'SH-AUDIT-1', 'UPDATED', 'clerk@shanghai'],
      ['ZHEJIANG', 'PORT', 'CNNBO', 'UPDATED', 'clerk@zhejiang'],
      ['SHANGHAI', 'ROUTE', 'SH-AUDIT-1', 'CREATED', 'clerk@shanghai'],
      ['ZHEJIANG', 'PORT', 'CNNBO', 'UPDATED', 'clerk@zhejiang'],
    ]);
    expect(nodes.map((e) => e.at)).toEqual([...nodes.map((e) => e.at)].sort().reverse());
    expect(nodes[0].changes).toEqual([
      { field: 'weeklyFrequency', oldValue: '2', newValue: '3' },
      { field: 'status', oldValue: 'PLANNED', newValue: 'OPERATING' },
      { field: 'openedOn', oldValue: null, newValue: '2026-01-05' },
    ]);
    expect(nodes[1].changes).toEqual([{ field: 'city', oldValue: 'Ningbo City', newValue: 'Ningbo' }]);
    expect(nodes[2].changes).toEqual(expect.arrayContaining([{ field: 'status', oldValue: null, newValue: 'PLANNED' }]));
    expect(nodes[3].changes).toEqual([
      { field: 'city', oldValue: 'Ningbo', newValue: 'Ningbo City' },
      { field: 'clearanceOnHolidays', oldValue: 'true', newValue: 'false' },
    ]);
  });

  it('pages through the merged trail to the same list, each change once', async () => {
    const whole = await trail('first: 10, filter: { from: $from }', { from: started });
    const seen: Entry[] = [];
    let after: string | null = null;
    do {
      const page: Page = await trail('first: 1, filter: { from: $from }', { after, from: started });
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(whole.nodes);
  });

  it('filters by province, kind, record and actor, and agrees with each province\'s own history and each record\'s', async () => {
    const ports = await trail('first: 10, filter: { from: $from, provinces: [ZHEJIANG], entities: [PORT], recordIds: ["CNNBO"], actors: ["clerk@zhejiang"] }', { from: started });
    expect(ports.nodes.map((e) => e.id)).toHaveLength(2);
    const own = await stack.gql(`query ($from: DateTime) { zhejiang { history(filter: { from: $from }) { nodes { ${ENTRY} } }
      port(code: "CNNBO") { history(first: 2) { totalCount nodes { ${ENTRY} } } } } }`, { from: started });
    const zhejiang = (own.data as { zhejiang: { history: Page; port: { history: Page } } }).zhejiang;
    expect(zhejiang.history.nodes).toEqual(ports.nodes);
    expect(zhejiang.port.history.nodes).toEqual(ports.nodes);
    const none = await trail('first: 10, filter: { from: $from, actors: ["nobody"] }', { from: started });
    expect(none.totalCount).toBe(0);
  });

  it('refuses an instant that is not one, naming the filter', async () => {
    const res = await stack.gql('{ auditTrail(filter: { from: "yesterday" }) { totalCount } }');
    expect(res.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.from' }));
  });
});
