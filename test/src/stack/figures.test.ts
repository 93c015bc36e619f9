import { provinceServices } from '@yrd/domain';
import { startStack, type GqlResponse, type TestStack } from '../harness';

/**
 * The guard against wrong figures (issue 14): for every province and month of the seed, the region's totals and
 * statistics, through the gateway, against the per-port records they come from, computed here on their own (a port
 * area rolls up to its port, whose own record wins; one clearance sample per port; kinds never mixed; hours rounded
 * once), and every figure with its source.
 */
const PROVINCES = provinceServices().map((s) => s.code);
type Port = { code: string; kind: string; parentCode: string | null };
type Terminal = { id: string; port: { code: string }; cargoClasses: string[]; stage: string; designCapacity: number; capacityUnit: string };
type Record_ = {
  id: string; port: { code: string }; agency: string; period: string; throughputTeu: number | null; throughputTonnes: number | null;
  flights: number | null; passengers: number | null; importClearanceHours: number | null; exportClearanceHours: number | null;
  source: { title: string } | null; estimated: boolean; estimateBasis: string | null;
};
type Totals = Record<string, number | string | null>;
type Stats = { province: string | null; portCount: number; averageImportClearanceHours: number | null; p50ImportClearanceHours: number | null;
  p90ImportClearanceHours: number | null; averageExportClearanceHours: number | null; importExcessClearanceHours: number | null;
  target: { year: number; importClearanceHours: number; source: { title: string } } | null };

const round2 = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);
const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
function percentileOf(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const at = (p / 100) * (s.length - 1);
  return s[Math.floor(at)] + (s[Math.ceil(at)] - s[Math.floor(at)]) * (at - Math.floor(at));
}

describe('figures against the records they come from', () => {
  let stack: TestStack;
  const seed: Record<string, { ports: Port[]; terminals: Terminal[]; records: Record_[] }> = {};
  let months: string[] = [];
  const ok = <T>(res: GqlResponse): T => {
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };

  beforeAll(async () => {
    stack = await startStack();
    for (const province of PROVINCES) {
      const f = province.toLowerCase();
      const list = async <T>(selection: string) => {
        const data = ok<Record<string, Record<string, { nodes: T[]; pageInfo: { hasNextPage: boolean } }>>>(await stack.gql(`{ ${f} { ${selection} } }`));
        const page = Object.values(data[f])[0];
        expect(page.pageInfo.hasNextPage).toBe(false);
        return page.nodes;
      };
      seed[province] = {
        ports: await list<Port>('ports(first: 100) { nodes { code kind parentCode } pageInfo { hasNextPage } }'),
        terminals: await list<Terminal>('terminals(first: 100) { nodes { id port { code } cargoClasses stage designCapacity capacityUnit } pageInfo { hasNextPage } }'),
        records: await list<Record_>(`capacityRecords(first: 100) { nodes { id port { code } agency period throughputTeu throughputTonnes flights passengers
          importClearanceHours exportClearanceHours source { title } estimated estimateBasis } pageInfo { hasNextPage } }`),
      };
    }
    months = [...new Set(Object.values(seed).flatMap((s) => s.records.map((r) => r.period)))].sort();
  });
  afterAll(() => stack.stop());

  /** The port a port (area) rolls up to. */
  const rootOf = (province: string, code: string): Port => {
    const byCode = new Map(seed[province].ports.map((p) => [p.code, p]));
    let port = byCode.get(code)!;
    while (port.parentCode && byCode.has(port.parentCode)) port = byCode.get(port.parentCode)!;
    return port;
  };
  /** Each root port's records of an agency in a month: its own, else its areas'. */
  const perRoot = (province: string, agency: string, month: string) => {
    const roots = new Map<string, { own: Record_[]; areas: Record_[] }>();
    for (const r of seed[province].records.filter((x) => x.agency === agency && x.period === month)) {
      const root = rootOf(province, r.port.code).code;
      const entry = roots.get(root) ?? { own: [], areas: [] };
      (root === r.port.code ? entry.own : entry.areas).push(r);
      roots.set(root, entry);
    }
    return [...roots.entries()].map(([root, e]) => ({ root, kind: rootOf(province, root).kind, records: e.own.length ? e.own : e.areas }));
  };

  function expectedTotals(province: string, month: string, cargoClass: string | null): Totals {
    const terminals = seed[province].terminals.filter((t) => !cargoClass || t.cargoClasses.includes(cargoClass));
    const open = terminals.filter((t) => t.stage === 'OPENED' || t.stage === 'TEMPORARILY_OPENED');
    const design = (unit: string) => open.filter((t) => t.capacityUnit === unit).reduce((n, t) => n + t.designCapacity, 0);
    const withClass = new Set(terminals.map((t) => rootOf(province, t.port.code).code));
    const customs = perRoot(province, 'CUSTOMS', month).filter((p) => !cargoClass || withClass.has(p.root));
    const border = perRoot(province, 'BORDER_INSPECTION', month).filter((p) => !cargoClass || withClass.has(p.root));
    const sum = (ports: typeof customs, field: 'throughputTeu' | 'throughputTonnes' | 'flights' | 'passengers') =>
      ports.flatMap((p) => p.records).reduce((n, r) => n + (r[field] ?? 0), 0);
    const water = customs.filter((p) => p.kind !== 'AIRPORT');
    const air = customs.filter((p) => p.kind === 'AIRPORT');
    return {
      province, period: month, terminalCount: open.length, designCapacityTeu: design('TEU_PER_YEAR'), designCapacityTonnes: design('TONNES_PER_YEAR'),
      designCapacityPassengers: design('PASSENGERS_PER_YEAR'), portCount: customs.length,
      throughputTeu: sum(water, 'throughputTeu'), throughputTonnes: sum(water, 'throughputTonnes'), airCargoTonnes: sum(air, 'throughputTonnes'),
      passengers: sum(air, 'passengers'), flights: sum(air, 'flights'),
      internationalPassengers: sum(border, 'passengers'), internationalFlights: sum(border, 'flights'),
    };
  }

  const TOTALS = 'province period terminalCount designCapacityTeu designCapacityTonnes designCapacityPassengers portCount throughputTeu throughputTonnes airCargoTonnes passengers flights internationalPassengers internationalFlights';

  it('sums capacity month by month, for every class, as the per-port records give it, and the region as the provinces\' sum', async () => {
    const classes = [null, ...new Set(Object.values(seed).flatMap((s) => s.terminals.flatMap((t) => t.cargoClasses)))];
    let compared = 0;
    for (const cargoClass of classes) {
      const { capacitySeries } = ok<{ capacitySeries: { months: { period: string; provinces: Totals[]; region: Totals }[] } }>(await stack.gql(
        `query ($from: YearMonth!, $to: YearMonth!, $c: CargoClass) { capacitySeries(from: $from, to: $to, cargoClass: $c) { months { period provinces { ${TOTALS} } region { ${TOTALS} } } } }`,
        { from: months[0], to: months[months.length - 1], c: cargoClass }));
      for (const month of capacitySeries.months.filter((m) => months.includes(m.period))) {
        expect(month.provinces.map((p) => p.province)).toEqual([...PROVINCES]);
        for (const totals of month.provinces) {
          expect({ cargoClass, ...totals }).toEqual({ cargoClass, ...expectedTotals(String(totals.province), month.period, cargoClass) });
          compared++;
        }
        for (const key of Object.keys(month.region).filter((k) => k !== 'province' && k !== 'period')) {
          expect([key, month.region[key]]).toEqual([key, month.provinces.reduce((n, p) => n + Number(p[key]), 0)]);
        }
      }
    }
    expect(compared).toBe(classes.length * months.length * PROVINCES.length);
  });

  it('never sums a province\'s recorded container throughput to 0: Zhejiang\'s 2024-12 is Ningbo\'s and Jiaxing\'s records', async () => {
    const { regionalCapacity } = ok<{ regionalCapacity: { provinces: Totals[] } }>(await stack.gql(
      `{ regionalCapacity(period: "2024-12", cargoClass: CONTAINER) { provinces { ${TOTALS} } } }`));
    const zhejiang = regionalCapacity.provinces.find((p) => p.province === 'ZHEJIANG')!;
    // CNNBO's own record (its terminals sit on its areas Beilun and Daxie) and CNJAX's (Zhapu is its area).
    expect(zhejiang.throughputTeu).toBe(3_350_000 + 280_000);
    for (const province of PROVINCES) {
      for (const month of months) {
        const recorded = seed[province].records.some((r) => r.period === month && r.agency === 'CUSTOMS' && (r.throughputTeu ?? 0) > 0);
        if (recorded) expect([province, month, expectedTotals(province, month, null).throughputTeu]).toEqual([province, month, expect.any(Number)]);
        if (recorded) expect(Number(expectedTotals(province, month, null).throughputTeu)).toBeGreaterThan(0);
      }
    }
    // Shanghai's port record holds Yangshan's and Waigaoqiao's: counted once, not three times.
    const shanghai = regionalCapacity.provinces.find((p) => p.province === 'SHANGHAI')!;
    expect(shanghai.throughputTeu).toBe(seed.SHANGHAI.records.find((r) => r.id === 'CNSGH:CUSTOMS:2024-12')!.throughputTeu);
  });

  it('takes one clearance sample per port, never mixes kinds, rounds hours once, and shows the target in force and the gap', async () => {
    const STATS = 'province portCount averageImportClearanceHours p50ImportClearanceHours p90ImportClearanceHours averageExportClearanceHours importExcessClearanceHours target { year importClearanceHours source { title } }';
    let compared = 0;
    for (const kind of ['SEAPORT', 'RIVER_PORT', 'AIRPORT']) {
      const { clearanceTimeSeries } = ok<{ clearanceTimeSeries: { portKinds: string[]; months: { period: string; provinces: Stats[]; region: Stats }[] } }>(
        await stack.gql(`query ($from: YearMonth!, $to: YearMonth!, $k: [PortKind!]!) { clearanceTimeSeries(from: $from, to: $to, portKinds: $k) {
          portKinds months { period provinces { ${STATS} } region { ${STATS} } } } }`, { from: months[0], to: months[months.length - 1], k: [kind] }));
      expect(clearanceTimeSeries.portKinds).toEqual([kind]);
      for (const month of clearanceTimeSeries.months.filter((m) => months.includes(m.period))) {
        const samplesOf = (province: string) => perRoot(province, 'CUSTOMS', month.period).filter((p) => p.kind === kind)
          .map((p) => meanOf(p.records.map((r) => r.importClearanceHours).filter((h): h is number => h !== null)))
          .filter((h): h is number => h !== null);
        const year = Number(month.period.slice(0, 4));
        const target = year >= 2021 ? 48.7 : year >= 2018 ? 64.93 : null;
        for (const stats of [...month.provinces, month.region]) {
          const samples = stats.province ? samplesOf(stats.province) : PROVINCES.flatMap(samplesOf);
          const average = meanOf(samples);
          expect({ kind, month: month.period, stats }).toEqual({ kind, month: month.period, stats: expect.objectContaining({
            portCount: samples.length, averageImportClearanceHours: round2(average),
            p50ImportClearanceHours: round2(percentileOf(samples, 50)), p90ImportClearanceHours: round2(percentileOf(samples, 90)),
            importExcessClearanceHours: average === null || target === null ? null : round2(average - target),
          }) });
          expect(stats.target?.importClearanceHours ?? null).toBe(target);
          if (stats.target) expect(stats.target.source.title).toContain('国发〔2018〕37号');
          for (const h of [stats.averageImportClearanceHours, stats.averageExportClearanceHours, stats.p90ImportClearanceHours]) {
            if (h !== null) expect(Math.abs(h * 100 - Math.round(h * 100))).toBeLessThan(1e-6);
          }
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('serves the baseline, the targets and the outcome with their sources', async () => {
    const { clearanceTargets: { nodes: clearanceTargets } } = ok<{ clearanceTargets: { nodes: { year: number; kind: string; importClearanceHours: number; exportClearanceHours: number; source: { publisher: string; year: number }; estimated: boolean; estimateBasis: string | null }[] } }>(
      await stack.gql('{ clearanceTargets(first: 100) { nodes { year kind importClearanceHours exportClearanceHours source { publisher year } estimated estimateBasis } } }'));
    expect(clearanceTargets.map((t) => [t.year, t.kind, t.importClearanceHours, t.exportClearanceHours])).toEqual([
      [2017, 'BASELINE', 97.39, 12.29], [2018, 'TARGET', 64.93, 8.19], [2021, 'TARGET', 48.7, 6.15], [2022, 'ACTUAL', 32.02, 1.03],
    ]);
    for (const t of clearanceTargets) expect(t.estimated ? t.estimateBasis : t.source.publisher).toEqual(expect.any(String));
  });

  it('gives every seeded figure its source, or says how it was estimated', () => {
    for (const province of PROVINCES) {
      for (const r of seed[province].records) expect([r.id, r.source !== null || (r.estimated && !!r.estimateBasis)]).toEqual([r.id, true]);
    }
  });

  it('takes each kind of port once however often a caller lists it, and bounds the years of targets asked for', async () => {
    const QUERY = 'query ($k: [PortKind!]!) { clearanceTimes(period: "2024-12", portKinds: $k) { portKinds region { portCount averageImportClearanceHours } } }';
    const once = ok<{ clearanceTimes: unknown }>(await stack.gql(QUERY, { k: ['SEAPORT'] }));
    // 4,000 SEAPORTs: the same answer, and the provinces asked with one kind; 50,000 are refused unread.
    const many = ok<{ clearanceTimes: unknown }>(await stack.gql(QUERY, { k: Array(4_000).fill('SEAPORT') }));
    expect(many).toEqual(once);
    const flood = await stack.gql(QUERY, { k: Array(50_000).fill('SEAPORT') });
    expect(flood.errors?.[0]?.extensions).toMatchObject({ code: 'VARIABLE_LIMIT_EXCEEDED' });
    const years = await stack.gql('query ($y: [Int!]) { clearanceTargets(years: $y, first: 10) { nodes { year } } }', { y: Array.from({ length: 51 }, (_, i) => 2000 + i) });
    expect(years.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'years' });
  });

  it('refuses a series longer than ten years or running backwards, before asking any province', async () => {
    for (const [from, to, field] of [['2010-01', '2024-12', 'to'], ['2024-12', '2024-01', 'to']]) {
      const res = await stack.gql('query ($from: YearMonth!, $to: YearMonth!) { capacitySeries(from: $from, to: $to) { months { period } } }', { from, to });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
