import { operationsServed, startStack, type TestStack } from '../harness';

type Port = { __typename: string; code: string; province: string; nameEn: string | null; kind: string | null };

describe('one cross-province graph through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  it('lists ports of all three provinces with province-owned fields filled', async () => {
    const res = await stack.gql('{ ports(first: 100) { totalCount nodes { __typename code province nameEn nameZh kind openingStatus latestCapacity { agency period } } } }');
    expect(res.errors).toBeUndefined();
    const conn = res.data?.ports as { totalCount: number; nodes: Port[] };
    expect(new Set(conn.nodes.map((p) => p.province))).toEqual(new Set(['ZHEJIANG', 'SHANGHAI', 'JIANGSU']));
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
      zhejiang { ports(filter: $f) { code nameEn importClearanceHours } }
      shanghai { ports(filter: $f) { code nameEn importClearanceHours } }
      jiangsu { ports(filter: $f) { code nameEn importClearanceHours } }
    }`, { f: filter });
    expect(byHand.errors).toBeUndefined();
    type Row = { code: string; importClearanceHours: number | null };
    const expected = Object.values(byHand.data as Record<string, { ports: Row[] }>).flatMap((o) => o.ports)
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
    const res = await stack.gql(`{ routes(filter: { fromProvinces: [SHANGHAI], toProvinces: [ZHEJIANG] }) {
      __typename id origin { code province } destination { __typename code province nameEn openingStatus terminals { name } } } }`);
    expect(res.errors).toBeUndefined();
    const routes = res.data?.routes as { __typename: string; destination: { __typename: string; province: string; nameEn: string } }[];
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) {
      expect(r.__typename).toBe('ShanghaiRoute');
      expect(r.destination).toEqual(expect.objectContaining({ __typename: 'ZhejiangPort', province: 'ZHEJIANG', nameEn: expect.any(String) }));
    }
  });

  it('carries the partners\' commitments on each initiative', async () => {
    const res = await stack.gql(`{ initiatives { __typename id lead partners title commitments { __typename id province summary status } } }`);
    expect(res.errors).toBeUndefined();
    type Commitment = { __typename: string; id: string; province: string | null; summary: string | null };
    const list = res.data?.initiatives as { id: string; lead: string; partners: string[]; commitments: Commitment[] }[];
    expect(new Set(list.map((i) => i.lead))).toEqual(new Set(['ZHEJIANG', 'SHANGHAI', 'JIANGSU']));
    const committed = list.flatMap((i) => i.commitments.filter((c) => c.summary !== null));
    const pending = list.flatMap((i) => i.commitments.filter((c) => c.summary === null));
    expect(committed.length).toBeGreaterThan(3);
    expect(pending.length).toBeGreaterThan(0);
    for (const i of list) {
      expect(i.commitments).toHaveLength(i.partners.length);
      i.commitments.forEach((c, n) => {
        expect(c.id).toBe(`${i.id}:${i.partners[n]}`);
        // Served by the partner's own subgraph: its province is the partner's.
        if (c.summary !== null) expect(c.province).toBe(i.partners[n]);
      });
    }
  });

  it('totals regionalCapacity as the sum of the provinces\' own records', async () => {
    const period = '2024-12';
    const res = await stack.gql(`query ($p: String!) { regionalCapacity(period: $p, cargoClass: CONTAINER) {
      provinces { province terminals throughputTeu designCapacityTeu } region { terminals throughputTeu designCapacityTeu } } }`, { p: period });
    expect(res.errors).toBeUndefined();
    const byHand = await stack.gql(`query ($p: String) {
      ${['zhejiang', 'shanghai', 'jiangsu'].map((f) => `${f} { terminals(filter: { cargoClass: CONTAINER, stages: [OPENED, TEMPORARILY_OPENED] }) { port { code } designCapacity capacityUnit } capacityRecords(filter: { from: $p, to: $p, agencies: [CUSTOMS] }) { port { code } throughputTeu } }`).join('\n')}
    }`, { p: period });
    expect(byHand.errors).toBeUndefined();
    type Office = { terminals: { port: { code: string }; designCapacity: number; capacityUnit: string }[]; capacityRecords: { port: { code: string }; throughputTeu: number | null }[] };
    // Throughput counts for the ports that have a container terminal (at any stage).
    const all = await stack.gql('{ zhejiang { terminals(filter: { cargoClass: CONTAINER }) { port { code } } } shanghai { terminals(filter: { cargoClass: CONTAINER }) { port { code } } } jiangsu { terminals(filter: { cargoClass: CONTAINER }) { port { code } } } }');
    const containerPorts = new Set(Object.values(all.data as Record<string, { terminals: { port: { code: string } }[] }>).flatMap((o) => o.terminals.map((t) => t.port.code)));
    let teu = 0;
    let design = 0;
    for (const office of Object.values(byHand.data as Record<string, Office>)) {
      design += office.terminals.filter((t) => t.capacityUnit === 'TEU_PER_YEAR').reduce((n, t) => n + t.designCapacity, 0);
      teu += office.capacityRecords.filter((c) => containerPorts.has(c.port.code)).reduce((n, c) => n + (c.throughputTeu ?? 0), 0);
    }
    const capacity = res.data?.regionalCapacity as { provinces: { throughputTeu: number; designCapacityTeu: number }[]; region: { throughputTeu: number; designCapacityTeu: number } };
    expect(capacity.provinces).toHaveLength(3);
    expect(capacity.region.throughputTeu).toBeCloseTo(teu, 6);
    expect(capacity.region.designCapacityTeu).toBeCloseTo(design, 6);
    expect(capacity.region.throughputTeu).toBeCloseTo(capacity.provinces.reduce((n, p) => n + p.throughputTeu, 0), 6);
    expect(teu).toBeGreaterThan(0);
  });

  it('lists overdue milestones with who is responsible', async () => {
    const res = await stack.gql('{ overdueMilestones(asOf: "2007-01-01") { lead title due responsibleUnit daysOverdue initiative { id title } } }');
    expect(res.errors).toBeUndefined();
    const list = res.data?.overdueMilestones as { due: string; responsibleUnit: string; daysOverdue: number; initiative: { title: string } }[];
    expect(list.length).toBeGreaterThan(0);
    for (const m of list) {
      expect(m.due < '2007-01-01').toBe(true);
      expect(m.responsibleUnit).toEqual(expect.any(String));
      expect(m.initiative.title).toEqual(expect.any(String));
    }
  });

  it('computes clearance times per province and for the region', async () => {
    const res = await stack.gql('{ clearanceTimes(period: "2024-12") { provinces { province ports averageImportHours p50ImportHours p90ImportHours } region { ports averageImportHours p90ImportHours } } }');
    expect(res.errors).toBeUndefined();
    const times = res.data?.clearanceTimes as { provinces: { ports: number }[]; region: { ports: number; averageImportHours: number } };
    expect(times.region.ports).toBe(times.provinces.reduce((n, p) => n + p.ports, 0));
    expect(times.region.averageImportHours).toBeGreaterThan(0);
  });

  it('asks each province once for the region\'s root fields of one operation, and splits the answers right', async () => {
    const served = async () => Object.fromEntries(await Promise.all(Object.entries(stack.provinces)
      .map(async ([code, p]) => [code, await operationsServed(p.url)] as const)));
    const query = `{ regionalCapacity(period: "2024-12") { region { throughputTeu } }
      clearanceTimes(period: "2024-12") { region { ports } } }`;
    const alone = await Promise.all([
      stack.gql('{ regionalCapacity(period: "2024-12") { region { throughputTeu } } }'),
      stack.gql('{ clearanceTimes(period: "2024-12") { region { ports } } }'),
    ]);
    const before = await served();
    const res = await stack.gql(query);
    const after = await served();
    expect(res.errors).toBeUndefined();
    expect(Object.keys(after).map((code) => after[code] - before[code])).toEqual(Object.keys(after).map(() => 1));
    expect(res.data).toEqual({ ...alone[0].data, ...alone[1].data });
  });
});
