import { provinceServices } from '@yrd/domain';
import { operationsServed, startStack, type TestStack } from '../harness';

const PROVINCES = provinceServices().map((s) => s.code);
type Port = { __typename: string; code: string; province: string; nameEn: string | null; kind: string | null };

describe('one cross-province graph through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  it('lists ports of every province with province-owned fields filled', async () => {
    const res = await stack.gql('{ ports(first: 100) { totalCount nodes { __typename code province nameEn nameZh kind openingStatus latestCapacity { agency period } } } }');
    expect(res.errors).toBeUndefined();
    const conn = res.data?.ports as { totalCount: number; nodes: Port[] };
    expect(new Set(conn.nodes.map((p) => p.province))).toEqual(new Set(PROVINCES));
    expect(conn.nodes.length).toBe(conn.totalCount);
    for (const p of conn.nodes) {
      expect(p.__typename).toBe(`${p.province[0]}${p.province.slice(1).toLowerCase()}Port`);
      expect(p.nameEn).toEqual(expect.any(String));
      expect(p.kind).toEqual(expect.any(String));
    }
    expect(conn.nodes.find((p) => p.code === 'CNYSA')?.province).toBe('SHANGHAI');
  });

  it('gives the same rows filtered, ordered and paginated as filtering the three provinces by hand', async () => {
    const filter = { openingStatuses: ['OPEN'], maxImportClearanceHours: 100 };
    const byHand = await stack.gql(`query ($f: ProvincePortFilter) {
      zhejiang { ports(filter: $f, first: 100) { totalCount nodes { code nameEn importClearanceHours } } }
      shanghai { ports(filter: $f, first: 100) { totalCount nodes { code nameEn importClearanceHours } } }
      jiangsu { ports(filter: $f, first: 100) { totalCount nodes { code nameEn importClearanceHours } } }
    }`, { f: filter });
    expect(byHand.errors).toBeUndefined();
    type Row = { code: string; importClearanceHours: number | null };
    const offices = Object.values(byHand.data as Record<string, { ports: { totalCount: number; nodes: Row[] } }>);
    for (const o of offices) expect(o.ports.nodes).toHaveLength(o.ports.totalCount);
    const expected = offices.flatMap((o) => o.ports.nodes)
      .sort((a, b) => (b.importClearanceHours ?? -1) - (a.importClearanceHours ?? -1) || a.code.localeCompare(b.code))
      .map((p) => p.code);
    expect(expected.length).toBeGreaterThan(3);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await stack.gql(`query ($f: PortFilter, $after: String) {
        ports(filter: $f, orderBy: { field: IMPORT_CLEARANCE_HOURS, direction: DESC }, first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code } }
        }
      }`, { f: filter, after });
      expect(res.errors).toBeUndefined();
      const conn = res.data?.ports as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { code: string } }[] };
      expect(conn.totalCount).toBe(expected.length);
      seen.push(...conn.edges.map((e) => e.node.code));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('resolves a Shanghai route\'s destination in Zhejiang with Zhejiang\'s fields', async () => {
    const res = await stack.gql(`{ routes(filter: { fromProvinces: [SHANGHAI], toProvinces: [ZHEJIANG] }, first: 100) { totalCount nodes {
      __typename id origin { code province } destination { __typename code province nameEn openingStatus terminals { nodes { nameEn } } } } } }`);
    expect(res.errors).toBeUndefined();
    type Destination = { __typename: string; province: string; nameEn: string; terminals: { nodes: { nameEn: string }[] } };
    const { totalCount, nodes: routes } = res.data?.routes as { totalCount: number; nodes: { __typename: string; destination: Destination }[] };
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toHaveLength(totalCount);
    for (const r of routes) {
      expect(r.__typename).toBe('ShanghaiRoute');
      expect(r.destination).toEqual(expect.objectContaining({ __typename: 'ZhejiangPort', province: 'ZHEJIANG', nameEn: expect.any(String) }));
      for (const t of r.destination.terminals.nodes) expect(t.nameEn).toEqual(expect.any(String));
    }
  });

  it('carries the partners\' commitments on each initiative, and the partners that have made none', async () => {
    const res = await stack.gql(`{ initiatives(first: 100) { totalCount nodes {
      __typename id lead partners title commitments { __typename id province summary status } pendingPartners } } }`);
    expect(res.errors).toBeUndefined();
    type Commitment = { __typename: string; id: string; province: string; summary: string };
    type Initiative = { id: string; lead: string; partners: string[]; commitments: Commitment[]; pendingPartners: string[] };
    const { totalCount, nodes: list } = res.data?.initiatives as { totalCount: number; nodes: Initiative[] };
    expect(list).toHaveLength(totalCount);
    expect(new Set(list.map((i) => i.lead))).toEqual(new Set(['ZHEJIANG', 'SHANGHAI', 'JIANGSU']));
    const committed = list.flatMap((i) => i.commitments);
    const pending = list.flatMap((i) => i.pendingPartners);
    expect(committed.length).toBeGreaterThan(3);
    expect(pending.length).toBeGreaterThan(0);
    for (const i of list) {
      // Every partner either has committed (in the partners' order) or is pending, never both.
      expect(i.commitments.map((c) => c.province)).toEqual(i.partners.filter((p) => !i.pendingPartners.includes(p)));
      expect(i.pendingPartners).toEqual(i.partners.filter((p) => !i.commitments.some((c) => c.province === p)));
      for (const c of i.commitments) {
        expect(c.id).toBe(`${i.lead}:${i.id}:${c.province}`);
        // Served by the partner's own subgraph: its type and province are the partner's.
        expect(c.__typename).toBe(`${c.province[0]}${c.province.slice(1).toLowerCase()}Commitment`);
        expect(c.summary).toEqual(expect.any(String));
      }
    }
  });

  it('totals regionalCapacity as the sum of the provinces\' totals (figures.test.ts checks each against its records)', async () => {
    const res = await stack.gql(`{ regionalCapacity(period: "2024-12", cargoClass: CONTAINER) {
      provinces { province terminalCount throughputTeu designCapacityTeu } region { terminalCount throughputTeu designCapacityTeu } } }`);
    expect(res.errors).toBeUndefined();
    type Totals = { province: string; terminalCount: number; throughputTeu: number; designCapacityTeu: number };
    const capacity = res.data?.regionalCapacity as { provinces: Totals[]; region: Totals };
    expect(capacity.provinces.map((p) => p.province)).toEqual(PROVINCES);
    for (const key of ['terminalCount', 'throughputTeu', 'designCapacityTeu'] as const) {
      expect(capacity.region[key]).toBe(capacity.provinces.reduce((n, p) => n + p[key], 0));
    }
    for (const p of capacity.provinces) expect(p.throughputTeu).toBeGreaterThan(0);
  });

  it('lists overdue milestones with who is responsible', async () => {
    // The seed's open work (the 2006 plan's items are closed as history): two milestones due in 2025.
    const res = await stack.gql('{ overdueMilestones(asOf: "2026-01-01", first: 100) { totalCount nodes { lead title due responsibleUnit daysOverdue initiative { id title } } } }');
    expect(res.errors).toBeUndefined();
    const { totalCount, nodes: list } = res.data?.overdueMilestones as { totalCount: number; nodes: { due: string; responsibleUnit: string; daysOverdue: number; initiative: { title: string } }[] };
    expect(list.length).toBeGreaterThan(0);
    expect(list).toHaveLength(totalCount);
    for (const m of list) {
      expect(m.due < '2026-01-01').toBe(true);
      expect(m.responsibleUnit).toEqual(expect.any(String));
      expect(m.initiative.title).toEqual(expect.any(String));
    }
  });

  it('computes clearance times per province and for the region', async () => {
    const res = await stack.gql(`{ clearanceTimes(period: "2024-12") {
      provinces { province portCount averageImportClearanceHours p50ImportClearanceHours p90ImportClearanceHours }
      region { portCount averageImportClearanceHours p90ImportClearanceHours } } }`);
    expect(res.errors).toBeUndefined();
    const times = res.data?.clearanceTimes as { provinces: { portCount: number }[]; region: { portCount: number; averageImportClearanceHours: number } };
    // Seaports by default, one sample per port (Shanghai's areas roll up to CNSGH).
    expect(times.provinces.map((p) => p.portCount)).toEqual([3, 1, 1]);
    expect(times.region.portCount).toBe(times.provinces.reduce((n, p) => n + p.portCount, 0));
    expect(times.region.averageImportClearanceHours).toBeGreaterThan(0);
  });

  it('asks each province once for the region\'s root fields of one operation, and splits the answers right', async () => {
    const served = async () => Object.fromEntries(await Promise.all(Object.entries(stack.provinces)
      .map(async ([code, p]) => [code, await operationsServed(p.url)] as const)));
    const query = `{ regionalCapacity(period: "2024-12") { region { throughputTeu } }
      clearanceTimes(period: "2024-12") { region { portCount } } }`;
    const alone = await Promise.all([
      stack.gql('{ regionalCapacity(period: "2024-12") { region { throughputTeu } } }'),
      stack.gql('{ clearanceTimes(period: "2024-12") { region { portCount } } }'),
    ]);
    const before = await served();
    const res = await stack.gql(query);
    const after = await served();
    expect(res.errors).toBeUndefined();
    expect(Object.keys(after).map((code) => after[code] - before[code])).toEqual(Object.keys(after).map(() => 1));
    expect(res.data).toEqual({ ...alone[0].data, ...alone[1].data });
  });
});
