import type { GraphQLResolveInfo } from 'graphql';
import {
  badInput, byPeriod, listPage, mean, monthsBetween, pageRequest, parseInput, percentile, period as periodRule, type ListOrder,
  type PageArgs, type ProvinceRegistry,
} from '@yrd/domain';
import { fanOut } from '../provinces/fanOut';
import type { ProvinceClient } from '../provinces/ProvinceClient';
import type { RegionContext } from '../provinces/RegionContext';
import { CLEARANCE_TARGETS, targetInForce, type ClearanceTarget } from './clearanceTargets';

/** Targets by year, then kind; national before provincial (the cursor's province: the target's, or NATIONAL). */
const TARGET_ORDER: ListOrder = { list: 'clearanceTargets', columns: [{ expr: 'year', direction: 'ASC' }, { expr: 'kind', direction: 'ASC' }] };
const positionOf = (t: ClearanceTarget) => ({ values: [t.year, t.kind], province: t.province ?? 'NATIONAL' });

type Totals = { province: string | null; period: string } & Record<string, number | string | null>;
type Sample = { period: string; portCode: string; portKind: string; importClearanceHours: number | null; exportClearanceHours: number | null };

/** The totals a province answers and the region sums: each a count or an amount of one unit. */
const TOTAL_FIELDS = ['terminalCount', 'designCapacityTeu', 'designCapacityTonnes', 'designCapacityPassengers', 'portCount',
  'throughputTeu', 'throughputTonnes', 'airCargoTonnes', 'passengers', 'flights', 'internationalPassengers', 'internationalFlights'] as const;

/** Hours as shown: rounded once, to two places, after every sum and mean. */
const roundHours = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);

export interface SeriesArgs { from: string; to: string; provinces?: string[] | null; portKinds?: string[] | null }

/**
 * The region's figures over the provinces' records: capacity totals and clearance statistics, one month or month by
 * month, each province and the region, with the clearance targets in force beside the actual hours.
 */
export function regionFigures(registry: ProvinceRegistry, clients: readonly ProvinceClient[]) {
  const field = (province: string) => registry.names(province).field;
  const chosen = (provinces?: readonly string[] | null) =>
    (provinces ? clients.filter((c) => provinces.includes(c.endpoint.province)) : clients);
  /**
   * The question's months and kinds, bounded before any province is asked: at most 120 months, and each kind once
   * (a caller's list of 50,000 SEAPORTs is one kind, not a list forwarded to every province).
   */
  const range = (args: SeriesArgs) => {
    const from = parseInput(periodRule, args.from, 'from');
    const to = parseInput(periodRule, args.to, 'to');
    return { from, to, months: monthsBetween(from, to), portKinds: args.portKinds ? [...new Set(args.portKinds)] : null };
  };

  async function capacityMonths(args: SeriesArgs & { cargoClass?: string | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { from, to, months, portKinds } = range(args);
    const answers = await fanOut(chosen(args.provinces), ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { capacitySummaries: Totals[] }>>(
        `query ($from: YearMonth!, $to: YearMonth!, $cargoClass: CargoClass, $portKinds: [PortKind!]) { ${f} {
          capacitySummaries(from: $from, to: $to, cargoClass: $cargoClass, portKinds: $portKinds) { province period ${TOTAL_FIELDS.join(' ')} } } }`,
        { from, to, cargoClass: args.cargoClass ?? null, portKinds }, ctx);
      return data[f].capacitySummaries;
    });
    const cargoClass = args.cargoClass ?? null;
    const ofMonth = answers.map((a) => byPeriod(a.value));
    return months.map((month) => {
      const provinces = ofMonth.flatMap((totals) => totals(month));
      const sum = (key: string) => provinces.reduce((n, p) => n + Number(p[key]), 0);
      return {
        period: month, cargoClass, portKinds, provinces,
        region: { province: null, period: month, ...Object.fromEntries(TOTAL_FIELDS.map((k) => [k, sum(k)])) },
      };
    });
  }

  async function clearanceMonths(args: SeriesArgs, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { from, to, months, portKinds: asked } = range(args);
    const portKinds = asked ?? ['SEAPORT'];
    const answers = await fanOut(chosen(args.provinces), ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { clearanceSamples: Sample[] }>>(
        `query ($from: YearMonth!, $to: YearMonth!, $portKinds: [PortKind!]) { ${f} {
          clearanceSamples(from: $from, to: $to, portKinds: $portKinds) { period portCode portKind importClearanceHours exportClearanceHours } } }`,
        { from, to, portKinds }, ctx);
      return data[f].clearanceSamples;
    });
    const stats = (province: string | null, month: string, samples: readonly Sample[]) => {
      const importHours = samples.map((s) => s.importClearanceHours).filter((h): h is number => h !== null);
      const exportHours = samples.map((s) => s.exportClearanceHours).filter((h): h is number => h !== null);
      const target = targetInForce(Number(month.slice(0, 4)), province);
      const averageImport = mean(importHours);
      const averageExport = mean(exportHours);
      const gap = (actual: number | null, goal: number | undefined) => (actual === null || goal === undefined ? null : roundHours(actual - goal));
      return {
        province, portCount: samples.length, target,
        averageImportClearanceHours: roundHours(averageImport), p50ImportClearanceHours: roundHours(percentile(importHours, 50)),
        p90ImportClearanceHours: roundHours(percentile(importHours, 90)),
        averageExportClearanceHours: roundHours(averageExport), p50ExportClearanceHours: roundHours(percentile(exportHours, 50)),
        p90ExportClearanceHours: roundHours(percentile(exportHours, 90)),
        importExcessClearanceHours: gap(averageImport, target?.importClearanceHours), exportExcessClearanceHours: gap(averageExport, target?.exportClearanceHours),
      };
    };
    const byProvince = answers.map((a) => ({ province: a.province, samples: byPeriod(a.value) }));
    return months.map((month) => {
      const ofMonth = byProvince.map((a) => ({ province: a.province, samples: a.samples(month) }));
      return {
        period: month, portKinds,
        provinces: ofMonth.map((a) => stats(a.province, month, a.samples)),
        region: stats(null, month, ofMonth.flatMap((a) => a.samples)),
      };
    });
  }

  const one = (args: { period: string }) => ({ from: args.period, to: args.period });

  return {
    regionalCapacity: async (_: unknown, args: { period: string; cargoClass?: string | null; portKinds?: string[] | null }, ctx: RegionContext,
      info: GraphQLResolveInfo) => (await capacityMonths({ ...args, ...one(args) }, ctx, info))[0],
    capacitySeries: async (_: unknown, args: SeriesArgs & { cargoClass?: string | null }, ctx: RegionContext, info: GraphQLResolveInfo) => {
      const months = await capacityMonths(args, ctx, info);
      return { from: args.from, to: args.to, cargoClass: args.cargoClass ?? null, months };
    },
    clearanceTimes: async (_: unknown, args: { period: string; portKinds?: string[] | null }, ctx: RegionContext, info: GraphQLResolveInfo) =>
      (await clearanceMonths({ ...args, ...one(args) }, ctx, info))[0],
    clearanceTimeSeries: async (_: unknown, args: SeriesArgs, ctx: RegionContext, info: GraphQLResolveInfo) => {
      const months = await clearanceMonths(args, ctx, info);
      return { from: args.from, to: args.to, portKinds: months[0]?.portKinds ?? ['SEAPORT'], months };
    },
    clearanceTargets: (_: unknown, args: PageArgs & { years?: number[] | null }) => {
      if (args.years && args.years.length > 50) throw badInput('years', 'must name at most 50 years');
      const targets = CLEARANCE_TARGETS.filter((t) => !args.years || args.years.includes(t.year));
      return listPage(targets, TARGET_ORDER, pageRequest(args, TARGET_ORDER), positionOf);
    },
  };
}
