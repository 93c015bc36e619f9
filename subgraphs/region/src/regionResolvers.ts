import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import {
  AUDIT_ORDER, DEFAULT_PORT_ORDER, DateScalar, DateTimeScalar, ENTITY_KINDS, ENTITY_KIND_VALUES, FOREIGN_PORT_TYPE, LIST_ORDERS,
  LOCODE, YearMonthScalar, comparePositions, entityKindValue, isoDate, listPage, mergePages, milestoneResolvers, pageRequest,
  parseInput, portListOrder, today, type DirectoryEntry, type EntityKind, type ListOrder, type PageArgs, type PortOrder,
  type ProvincePage, type ProvinceRegistry,
} from '@yrd/domain';
import { fanOut } from './provinces/fanOut';
import type { ProvinceClient } from './provinces/ProvinceClient';
import type { RegionContext } from './provinces/RegionContext';
import { regionFigures } from './figures/regionFigures';
import { portSearch } from './search/searchPorts';

type Filter = Record<string, unknown> & { provinces?: string[] | null };
const DAY_MS = 86_400_000;
/**
 * What to ask each province of its page: the edges (their cursors merge the pages), and the page's extent only when the
 * client asked for it (a province counts its rows for totalCount and hasPreviousPage, a statement of its own).
 */
const pageSelection = (node: string, info: GraphQLResolveInfo) => {
  const selected = selectedFields(info);
  return `edges { cursor node { ${node} } }${selected.has('pageInfo') ? ' pageInfo { hasNextPage hasPreviousPage }' : ''}${selected.has('totalCount') ? ' totalCount' : ''}`;
};

/** The names of the fields selected on this field's value, through fragments too. */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selections: readonly SelectionNode[]) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet.selections);
      else visit(info.fragments[s.name.value]?.selectionSet.selections ?? []);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet?.selections ?? []);
  return names;
}
const EMPTY_PAGE = { edges: [], nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };

/** Which provinces a filter asks for: the named ones, or all. */
const chosen = (clients: readonly ProvinceClient[], provinces?: readonly string[] | null) =>
  provinces ? clients.filter((c) => provinces.includes(c.endpoint.province)) : clients;

const kindOf = (entry: DirectoryEntry) => {
  const fn = entry.function;
  return fn[0] === '1' ? 'SEAPORT' : fn[3] === '4' ? 'AIRPORT' : fn[7] === '8' ? 'RIVER_PORT' : 'LAND_PORT';
};

/** Where the foreign ports' entries come from: the reference list shipped with the product. */
const UN_LOCODE_SOURCE = { publisher: 'UNECE', title: 'UN/LOCODE, Code for Trade and Transport Locations', year: 2024 };

function foreignPort(entry: DirectoryEntry) {
  return {
    code: entry.code, province: null, country: entry.country, nameEn: entry.name, nameZh: null, city: entry.name,
    kind: kindOf(entry), iata: entry.iata, terminals: EMPTY_PAGE, routes: EMPTY_PAGE, latestCapacity: [], history: EMPTY_PAGE,
    source: UN_LOCODE_SOURCE, asOf: null, estimated: false, estimateBasis: null,
  };
}

const FOREIGN_PORTS: ListOrder = { list: 'foreignPorts', columns: [{ expr: 'code', direction: 'ASC' }] };
/** Most overdue first: by due date, then initiative and milestone (then lead province). */
const OVERDUE: ListOrder = {
  list: 'overdueMilestones',
  columns: [{ expr: 'due', direction: 'ASC' }, { expr: 'initiative', direction: 'ASC' }, { expr: 'seq', direction: 'ASC' }],
};

/**
 * The region's resolvers: typed references come from the registry; lists, aggregates and filters on
 * province-owned fields are pushed down to every province in parallel and merged here.
 */
export function regionResolvers(registry: ProvinceRegistry, clients: readonly ProvinceClient[]) {
  const field = (province: string) => registry.names(province).field;
  const figures = regionFigures(registry, clients);

  /**
   * One page of a list every province serves in the same order: the same page request goes to each province asked
   * (with its own filter; a province whose filter is null has nothing to give), and the pages merge by the positions
   * their cursors carry.
   */
  async function mergedList(options: {
    asked: readonly ProvinceClient[]; listField: string; filterType: string;
    order: ListOrder; args: PageArgs; filterFor: (province: string) => Record<string, unknown> | null;
    orderBy?: PortOrder;
    /** What to ask of each node, and what the region answers for it. */
    node: { selection: string; shape: (node: Record<string, unknown>, province: string) => unknown };
  }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { listField, args } = options;
    const request = pageRequest(args, options.order);
    const [declareOrder, passOrder] = options.orderBy ? [', $orderBy: PortOrder', ', orderBy: $orderBy'] : ['', ''];
    // Each province's filter once (a route filter is computed from the directory); null: nothing to ask it.
    const filters = new Map(options.asked.map((c) => [c, options.filterFor(c.endpoint.province)]));
    const asked = options.asked.filter((c) => filters.get(c) !== null);
    const answers = await fanOut(asked, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, Record<string, ProvincePage<Record<string, unknown>>>>>(
        `query ($filter: ${options.filterType}, $first: Int, $after: String, $last: Int, $before: String${declareOrder}) {
          ${f} { ${listField}(filter: $filter, first: $first, after: $after, last: $last, before: $before${passOrder}) { ${pageSelection(options.node.selection, info)} } }
        }`,
        {
          filter: filters.get(client), first: args.first ?? null, after: args.after ?? null,
          last: args.last ?? null, before: args.before ?? null, ...(options.orderBy ? { orderBy: options.orderBy } : {}),
        }, ctx);
      const page = data[f][listField];
      return {
        // Not asked (not selected by the client): what stands in for them is never read.
        pageInfo: page.pageInfo ?? { hasNextPage: false, hasPreviousPage: false }, totalCount: page.totalCount ?? 0,
        edges: page.edges.map((e) => ({ cursor: e.cursor, node: options.node.shape(e.node, client.endpoint.province) })),
      };
    });
    return mergePages(answers.map((a) => a.value), options.order, request);
  }

  /** Nodes that are a province's records: the region answers typed references, the gateway fetches their fields. */
  const references = (kind: 'Port' | 'Route' | 'Initiative') => ({
    selection: kind === 'Port' ? 'code' : 'id',
    shape: (node: Record<string, unknown>, province: string) => ({ ...node, __typename: registry.names(province).typeName(kind) }),
  });

  function ports(_: unknown, args: PageArgs & { filter?: Filter | null; orderBy?: PortOrder | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const orderBy = args.orderBy ?? DEFAULT_PORT_ORDER;
    const { provinces, ...filter } = args.filter ?? {};
    return mergedList({
      asked: chosen(clients, provinces), node: references('Port'), listField: 'ports', filterType: 'ProvincePortFilter',
      order: portListOrder(orderBy), args, filterFor: () => filter, orderBy,
    }, ctx, info);
  }

  /** A port some province publishes (asking the one that administers it, or all for a code outside the directory). */
  async function publishedPort(code: string, ctx: RegionContext, info: GraphQLResolveInfo) {
    if (!LOCODE.test(code)) return null;
    // The region serves a foreign port's fields itself: the whole record, not a reference.
    const foreign = registry.foreignPort(code);
    if (foreign) return { __typename: FOREIGN_PORT_TYPE, ...foreignPort(foreign) };
    const owner = registry.provinceOfPort(code);
    const answers = await fanOut(owner ? chosen(clients, [owner]) : clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const data = await client.query<Record<string, { port: { code: string } | null }>>(
        `query ($code: ID!) { ${f} { port(code: $code) { code } } }`, { code }, ctx);
      return data[f].port;
    });
    const found = answers.find((a) => a.value);
    return found ? { __typename: registry.names(found.province).typeName('Port'), code } : null;
  }

  function routes(_: unknown, args: PageArgs & { filter?: Filter | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { provinces, fromProvinces, toProvinces, modes, statuses } = (args.filter ?? {}) as Record<string, string[] | null | undefined>;
    // Each province filters its own routes by destination: the ports of the provinces asked for, from the directory
    // (each province once, however often the caller repeats it).
    const codesOf = (list: readonly string[]) => new Set([...new Set(list)].flatMap((p) => registry.portCodesOf(p)));
    const filterFor = (province: string) => {
      const sets = [
        toProvinces ? codesOf(toProvinces) : null,
        provinces && !provinces.includes(province) ? codesOf(provinces) : null,
      ].filter((s): s is Set<string> => s !== null);
      const destinations = sets.length ? [...sets[0]].filter((c) => sets.every((s) => s.has(c))) : null;
      if (destinations && !destinations.length) return null;
      return { modes, statuses, destinationPortCodes: destinations };
    };
    return mergedList({
      asked: chosen(clients, fromProvinces), node: references('Route'), listField: 'routes', filterType: 'ProvinceRouteFilter',
      order: LIST_ORDERS.routes, args, filterFor,
    }, ctx, info);
  }

  function initiatives(_: unknown, args: PageArgs & { filter?: Filter | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { leads, statuses, partner, overdueAsOf } = (args.filter ?? {}) as Record<string, string[] & string | null | undefined>;
    if (overdueAsOf) parseInput(isoDate, overdueAsOf, 'filter.overdueAsOf');
    return mergedList({
      asked: chosen(clients, leads), node: references('Initiative'), listField: 'initiatives', filterType: 'ProvinceInitiativeFilter',
      order: LIST_ORDERS.initiatives, args, filterFor: () => ({ statuses, partner, overdueAsOf }),
    }, ctx, info);
  }

  function auditTrail(_: unknown, args: PageArgs & { filter?: Filter | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const { provinces, entities, ...filter } = (args.filter ?? {}) as Filter & { entities?: EntityKind[] | null };
    // Pushed down as the enum's values again: the region's resolvers received the kinds they stand for.
    const pushed = { ...filter, entities: entities?.map(entityKindValue) ?? null };
    return mergedList({
      asked: chosen(clients, provinces), listField: 'history', filterType: 'HistoryFilter', order: AUDIT_ORDER, args,
      filterFor: () => pushed,
      node: {
        selection: 'id province entity recordId kind at actor changes { field oldValue newValue }',
        // The provinces answer the enum's values; the region's resolvers work with the kinds they stand for.
        shape: (node) => ({ ...node, entity: ENTITY_KIND_VALUES[String(node.entity)] }),
      },
    }, ctx, info);
  }

  async function overdueMilestones(_: unknown, args: PageArgs & { asOf?: string | null }, ctx: RegionContext, info: GraphQLResolveInfo) {
    const asOf = args.asOf ? parseInput(isoDate, args.asOf, 'asOf') : today();
    const request = pageRequest(args, OVERDUE);
    type Row = { id: string; milestones: { seq: number; title: string; due: string; doneOn: string | null; responsibleUnit: string }[] };
    const answers = await fanOut(clients, ctx, info, async (client) => {
      const f = field(client.endpoint.province);
      const rows: Row[] = [];
      // Every initiative with an overdue milestone, page by page: a province's own list is bounded per page.
      for (let after: string | null = null, more = true; more;) {
        const data: Record<string, { initiatives: ProvincePage<Row> & { pageInfo: { endCursor: string | null } } }> = await client.query(
          `query ($asOf: Date, $after: String) { ${f} { initiatives(filter: { overdueAsOf: $asOf }, first: 100, after: $after) {
            edges { cursor node { id milestones { seq title due doneOn responsibleUnit } } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } } }`,
          { asOf, after }, ctx);
        const page = data[f].initiatives;
        rows.push(...page.edges.map((e) => e.node));
        more = page.pageInfo.hasNextPage && page.pageInfo.endCursor !== null && page.pageInfo.endCursor !== after;
        after = page.pageInfo.endCursor;
      }
      return rows;
    });
    const overdue = answers.flatMap(({ province, value }) => value.flatMap((i) => i.milestones
      .filter((m) => !m.doneOn && m.due < asOf)
      .map((m) => ({
        ...m, lead: province, initiative: registry.ref('Initiative', province, i.id),
        daysOverdue: Math.round((Date.parse(asOf) - Date.parse(m.due)) / DAY_MS),
      }))))
    // Sorted by the very positions the page's cursors carry, so that a cursor pages on without a skip or a repeat.
    const position = (m: (typeof overdue)[number]) => ({ list: OVERDUE.list, values: [m.due, m.initiative.id!, m.seq], province: m.lead });
    overdue.sort((a, b) => comparePositions(position(a), position(b), OVERDUE.columns));
    return listPage(overdue, OVERDUE, request, position);
  }

  const viewer = (_: unknown, _args: unknown, ctx: RegionContext) => ({
    subject: ctx.actor.subject, role: ctx.actor.role, province: ctx.actor.province,
    writableProvinces: ctx.actor.role === 'office' && ctx.actor.province && registry.isProvince(ctx.actor.province) ? [ctx.actor.province] : [],
  });

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    YearMonth: YearMonthScalar,
    Milestone: milestoneResolvers,
    Role: { OFFICE: 'office', PARTNER: 'partner', ANALYST: 'analyst' },
    // The GraphQL values are upper case; inside, an entity kind is its type name (Port, CapacityRecord).
    EntityKind: ENTITY_KIND_VALUES,
    ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, {
      __resolveType: (o: { __typename?: string }) => o.__typename,
    }])),
    ProvinceOffice: {
      __resolveType: (o: { __typename?: string }) => o.__typename,
      __resolveReference: (ref: { province: string }) => (registry.isProvince(ref.province)
        ? { __typename: `${registry.names(ref.province).typePrefix}Office`, province: ref.province } : null),
    },
    [FOREIGN_PORT_TYPE]: {
      __resolveReference: (ref: { code: string }) => {
        const entry = registry.foreignPort(ref.code);
        return entry ? foreignPort(entry) : null;
      },
    },
    DirectoryEntry: {
      administeredBy: (e: DirectoryEntry) => (e.administeredBy && registry.isProvince(e.administeredBy) ? e.administeredBy : null),
      kind: kindOf,
      port: (e: DirectoryEntry, _a: unknown, ctx: RegionContext, info: GraphQLResolveInfo) => publishedPort(e.code, ctx, info),
    },
    Query: {
      viewer,
      office: (_: unknown, args: { province: string }) =>
        ({ __typename: `${registry.names(args.province).typePrefix}Office`, province: args.province }),
      ports, routes, initiatives, auditTrail, overdueMilestones, ...figures, searchPorts: portSearch(registry, clients, kindOf, foreignPort),
      port: (_: unknown, args: { code: string }, ctx: RegionContext, info: GraphQLResolveInfo) => publishedPort(args.code, ctx, info),
      directoryEntry: (_: unknown, args: { code: string }) => registry.directory.get(args.code) ?? null,
      foreignPorts: (_: unknown, args: PageArgs) => listPage(
        registry.directory.all().filter((e) => e.administeredBy === null).sort((a, b) => (a.code < b.code ? -1 : 1)).map(foreignPort),
        FOREIGN_PORTS, pageRequest(args, FOREIGN_PORTS), (p) => ({ values: [p.code], province: 'FOREIGN' })),
    },
  };
}
