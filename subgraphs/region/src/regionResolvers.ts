import type { GraphQLResolveInfo } from 'graphql';
import {
  DEFAULT_PORT_ORDER, DateScalar, DateTimeScalar, ENTITY_KINDS, FOREIGN_PORT_TYPE, badInput, comparePositions,
  decodePortCursor, encodePortCursor, isoDate, milestoneResolvers, parseInput, period as periodRule, positionOf,
  type DirectoryEntry, type PortOrder, type ProvinceRegistry, type SortablePort,
} from '@yrd/shared';
import { fanOut } from './fanOut';
import type { ProvinceClient } from './ProvinceClient';
import type { RegionContext } from './RegionContext';
import { mean, percentile } from './statistics';

type Filter = Record<string, unknown> & { provinces?: string[] | null };
const MAX_PAGE = 100;
const today = () => new Date().toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** Which provinces a filter asks for: the named ones, or all. */
const chosen = (clients: readonly ProvinceClient[], provinces?: readonly string[] | null) =>
  provinces ? clients.filter((c) => provinces.includes(c.endpoint.province)) : clients;

function foreignPort(entry: DirectoryEntry) {
  const fn = entry.function;
  return {
    code: entry.code, province: null, country: entry.country, nameEn: entry.name, nameZh: null, city: entry.name,
    kind: fn[0] === '1' ? 'SEAPORT' : fn[3] === '4' ? 'AIRPORT' : fn[7] === '8' ? 'RIVER_PORT' : 'LAND_PORT',
    iata: entry.iata, terminals: [], routes: [], latestCapacity: [],
  };
}

/**
 * The region's resolvers: typed references come from the registry; lists, aggregates and filters on
 * province-owned fields are pushed down to every province in parallel and merged here.
 */
export function regionResolvers(registry: ProvinceRegistry, clients: readonly ProvinceClient[]) {
  const field = (province: string) => registry.names(province).field;

  async function ports(_: unknown, args: { filter?: Filter | null; orderBy?: PortOrder | null; first: number; after?: string | null },
    ctx: RegionContext, info: GraphQLResolveInfo) {
    const order = args.orderBy ?? DEFAULT_PORT_ORDER;
    if (args.first < 0 || args.first > MAX_PAGE) throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
    if (args.after) decodePortCursor(args.after);
    const { provinces, ...filter } = args.filter ?? {};
    const answers = await fanOut(chosen(clients, provinces), ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { ports: SortablePort[]; portCount: number }>>(
        `query ($filter: ProvincePortFilter, $orderBy: PortOrder, $first: Int, $after: String) {
          ${f} { ports(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { code nameEn importClearanceHours } portCount(filter: $filter) }
        }`,
        { filter, orderBy: order, first: args.first + 1, after: args.after ?? null }, ctx);
      return { province: client.endpoint.province, ...data[f] };
    });
    const merged = answers.flatMap((a) => a.value.ports.map((port) => ({ province: a.province, port })))
      .sort((a, b) => comparePositions(positionOf(a.port, order), positionOf(b.port, order), order));
    const page = merged.slice(0, args.first);
    const edges = page.map(({ province, port }) => ({
      cursor: encodePortCursor(positionOf(port, order)),
      node: { __typename: registry.names(province).typeName('Port'), code: port.code },
    }));
    return {
      nodes: edges.map((e) => e.node),
      edges,
      pageInfo: { hasNextPage: merged.length > args.first, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: answers.reduce((n, a) => n + a.value.portCount, 0),
    };
  }

  async function port(_: unknown, args: { code: string }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const known = registry.portRef(args.code);
    if (known) return known;
    // Not in the directory (a synthetic data set, or a port opened since): ask the provinces.
    const answers = await fanOut(clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { port: { code: string } | null }>>(
        `query ($code: ID!) { ${f} { port(code: $code) { code } } }`, { code: args.code }, ctx);
      return data[f].port;
    });
    const found = answers.find((a) => a.value);
    return found ? { __typename: registry.names(found.province).typeName('Port'), code: args.code } : null;
  }

  async function routes(_: unknown, args: { filter?: Filter | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { provinces, fromProvinces, toProvinces, modes, statuses } = (args.filter ?? {}) as Record<string, string[] | null | undefined>;
    const answers = await fanOut(chosen(clients, provinces || toProvinces ? null : fromProvinces), ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { routes: { id: string; destination: { code: string } | null }[] }>>(
        `query ($filter: ProvinceRouteFilter) { ${f} { routes(filter: $filter) { id destination { code } } } }`,
        { filter: { modes, statuses } }, ctx);
      return data[f].routes;
    });
    const inList = (list: string[] | null | undefined, p: string | null) => !list || (p !== null && list.includes(p));
    return answers.flatMap(({ province, value }) => value
      .filter((r) => {
        const to = r.destination ? registry.provinceOfPort(r.destination.code) : null;
        return inList(fromProvinces, province) && inList(toProvinces, to) && (!provinces || provinces.includes(province) || inList(provinces, to));
      })
      .map((r) => registry.ref('Route', province, r.id)));
  }

  async function initiatives(_: unknown, args: { filter?: Filter | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { leads, statuses, partner, overdueAsOf } = (args.filter ?? {}) as Record<string, string[] & string | null | undefined>;
    if (overdueAsOf) parseInput(isoDate, overdueAsOf, 'filter.overdueAsOf');
    const answers = await fanOut(chosen(clients, leads), ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { initiatives: { id: string }[] }>>(
        `query ($filter: ProvinceInitiativeFilter) { ${f} { initiatives(filter: $filter) { id } } }`,
        { filter: { statuses, partner, overdueAsOf } }, ctx);
      return data[f].initiatives;
    });
    return answers.flatMap(({ province, value }) => value.map((i) => registry.ref('Initiative', province, i.id)));
  }

  async function overdueMilestones(_: unknown, args: { asOf?: string | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const asOf = args.asOf ? parseInput(isoDate, args.asOf, 'asOf') : today();
    type Row = { id: string; milestones: { seq: number; title: string; due: string; doneOn: string | null; responsibleAgency: string }[] };
    const answers = await fanOut(clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { initiatives: Row[] }>>(
        `query ($asOf: Date) { ${f} { initiatives(filter: { overdueAsOf: $asOf }) { id milestones { seq title due doneOn responsibleAgency } } } }`,
        { asOf }, ctx);
      return data[f].initiatives;
    });
    return answers.flatMap(({ province, value }) => value.flatMap((i) => i.milestones
      .filter((m) => !m.doneOn && m.due < asOf)
      .map((m) => ({
        ...m, lead: province, initiative: registry.ref('Initiative', province, i.id),
        daysOverdue: Math.round((Date.parse(asOf) - Date.parse(m.due)) / DAY_MS),
      }))))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.initiative.id!.localeCompare(b.initiative.id!) || a.seq - b.seq);
  }

  async function regionalCapacity(_: unknown, args: { period: string; cargoClass?: string | null }, ctx: RegionContext,
    info: GraphQLResolveInfo) {
    const month = parseInput(periodRule, args.period, 'period');
    type Totals = Record<string, number | string | null>;
    const answers = await fanOut(clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { capacitySummary: Totals }>>(
        `query ($period: String!, $cargoClass: CargoClass) { ${f} { capacitySummary(period: $period, cargoClass: $cargoClass) {
          province terminals designCapacityTeu designCapacityTonnes designCapacityPassengers ports throughputTeu throughputTonnes passengers flights } } }`,
        { period: month, cargoClass: args.cargoClass ?? null }, ctx);
      return data[f].capacitySummary;
    });
    const provinces = answers.map((a) => a.value);
    const sum = (key: string) => provinces.reduce((n, p) => n + Number(p[key]), 0);
    const keys = ['terminals', 'designCapacityTeu', 'designCapacityTonnes', 'designCapacityPassengers', 'ports',
      'throughputTeu', 'throughputTonnes', 'passengers', 'flights'];
    return {
      period: month, cargoClass: args.cargoClass ?? null, provinces,
      region: { province: null, ...Object.fromEntries(keys.map((k) => [k, sum(k)])) },
    };
  }

  async function clearanceTimes(_: unknown, args: { period: string }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const month = parseInput(periodRule, args.period, 'period');
    type Sample = { importHours: number | null; exportHours: number | null };
    const answers = await fanOut(clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { clearanceSamples: Sample[] }>>(
        `query ($period: String!) { ${f} { clearanceSamples(period: $period) { importHours exportHours } } }`,
        { period: month }, ctx);
      return data[f].clearanceSamples;
    });
    const stats = (province: string | null, samples: Sample[]) => {
      const imports = samples.map((s) => s.importHours).filter((h): h is number => h !== null);
      const exports = samples.map((s) => s.exportHours).filter((h): h is number => h !== null);
      return {
        province, ports: samples.length,
        averageImportHours: mean(imports), p50ImportHours: percentile(imports, 50), p90ImportHours: percentile(imports, 90),
        averageExportHours: mean(exports), p50ExportHours: percentile(exports, 50), p90ExportHours: percentile(exports, 90),
      };
    };
    return {
      period: month,
      provinces: answers.map((a) => stats(a.province, a.value)),
      region: stats(null, answers.flatMap((a) => a.value)),
    };
  }

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Milestone: milestoneResolvers,
    ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, {
      __resolveType: (o: { __typename?: string }) => o.__typename,
    }])),
    [FOREIGN_PORT_TYPE]: {
      __resolveReference: (ref: { code: string }) => {
        const entry = registry.foreignPort(ref.code);
        return entry ? foreignPort(entry) : null;
      },
    },
    Query: {
      ports, port, routes, initiatives, overdueMilestones, regionalCapacity, clearanceTimes,
      foreignPorts: () => registry.directory.all().filter((e) => e.administeredBy === null).map(foreignPort),
    },
  };
}
