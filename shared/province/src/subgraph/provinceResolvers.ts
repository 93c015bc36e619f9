import type { DataSource } from 'typeorm';
import {
  CLEARANCE_FIELDS, CapacityRecordRow, CommitmentRow, InitiativeRow, PortRow, RouteRow, TerminalRow, type ClearanceField, type ProvenanceColumns,
  type TerminalStepRow,
} from '../db';
import {
  AUDIT_ORDER, DateScalar, DateTimeScalar, ENTITY_KINDS, ENTITY_KIND_VALUES, LIST_ORDERS, YearMonthScalar, commitmentId, encodeRegionalCursor,
  listPage, mapConnection, milestoneResolvers, pageRequest, parseInput, period,
  type EntityKind, type PageArgs, type PortKind, type ProvinceRegistry,
} from '@yrd/domain';
import { traceResolvers } from '@yrd/service';
import { capacitySummaries, clearanceSamples } from './capacityFigures';
import {
  auditEntry, listCapacityRecords, listHistory, listCommitments, listInitiatives, listPorts, listRoutes, listTerminals,
} from './officeQueries';
import type { ProvinceContext } from './ProvinceContext';
import type { WriteResult } from './writes/WriteRunner';
import type { ProvinceWriters } from './writes/provinceWriters';

type Args = Record<string, unknown>;


type FigureArgs = { from: string; to: string; portKinds?: PortKind[] | null };
const figureQuestion = (args: FigureArgs) => ({
  from: parseInput(period, args.from, 'from'), to: parseInput(period, args.to, 'to'), portKinds: args.portKinds ?? null,
});

type ProvenancedRow = { provenance: ProvenanceColumns; updatedAt: string };

/** A record's provenance fields, from its embedded columns (rows from before provenance hold as of their last change). */
const provenanceResolvers = {
  source: ({ provenance: p }: ProvenancedRow) => (p.publisher && p.title && p.year !== null
    ? { publisher: p.publisher, title: p.title, year: p.year } : null),
  asOf: (row: ProvenancedRow) => row.provenance.asOf ?? row.updatedAt.slice(0, 10),
  estimated: (row: ProvenancedRow) => row.provenance.estimated ?? false,
  estimateBasis: (row: ProvenancedRow) => row.provenance.estimateBasis,
};

const partnersOf = (i: InitiativeRow) => i.partners.split(',').filter(Boolean);

/** A port's latest customs clearance figure: from its row where the row was read with it (a page in its order), else by port. */
const clearanceOf = (field: ClearanceField) => async (p: PortRow, _a: Args, ctx: ProvinceContext) =>
  (p[field] !== undefined ? p[field] : (await ctx.loaders.clearanceOfPort.load(p.code))?.[field] ?? null);

/**
 * Resolvers of one province's subgraph. Nested lists and references go through the request's loaders; typed
 * references to other provinces' records come from the registry without asking anyone.
 */
export function provinceResolvers(province: string, registry: ProvinceRegistry, ds: DataSource, writers: ProvinceWriters) {
  const { ports: portWriter, initiatives: initiativeWriter } = writers;
  const names = registry.names(province);
  const typeName = names.typeName;
  const ownProvince = () => province;
  const office = { province };
  const repo = ds.manager;

  /**
   * A mutation answers its payload: the record it wrote, read back fresh (not from a loader that may hold the old
   * row), and a change cursor just after its change event.
   */
  const write = <T>(field: string, apply: (ctx: ProvinceContext, args: Args) => Promise<WriteResult>, reload: (key: string) => Promise<T>) =>
    async (_parent: unknown, args: Args, ctx: ProvinceContext) => {
      const { key, position, changes } = await apply(ctx, args);
      ctx.written.push(...changes);
      return { [field]: await reload(key), changeCursor: encodeRegionalCursor({ [province]: position }) };
    };

  /** Whether each partner has made its commitment to `i`, in partner order. */
  const commitmentsOf = async (i: InitiativeRow, ctx: ProvinceContext) => {
    const partners = partnersOf(i).filter((p) => registry.isProvince(p));
    const made = await Promise.all(partners.map((partner) => ctx.commitmentsMade.load({ partner, id: commitmentId(province, i.id, partner) })));
    return partners.map((partner, k) => ({ partner, made: made[k] }));
  };

  const interfaces = Object.fromEntries(ENTITY_KINDS.map((kind: EntityKind) => [kind, {
    __resolveType: (obj: { __typename?: string }) => obj.__typename ?? typeName(kind),
  }]));

  /** A record's changes, newest first, paged from the request's loader. */
  const history = (kind: EntityKind, keyOf: (row: never) => string) =>
    async (row: never, args: PageArgs, ctx: ProvinceContext) => mapConnection(listPage(
      await ctx.loaders.historyOf.load(`${kind}:${keyOf(row)}`), AUDIT_ORDER, pageRequest(args, AUDIT_ORDER),
      (e) => ({ values: [e.at, e.id], province })), auditEntry);

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    YearMonth: YearMonthScalar,
    // The GraphQL values are upper case; inside, an entity kind is its type name (Port, CapacityRecord).
    EntityKind: ENTITY_KIND_VALUES,
    ...interfaces,
    ProvinceOffice: { __resolveType: () => `${names.typePrefix}Office` },
    ProvinceOfficeMutations: { __resolveType: () => `${names.typePrefix}OfficeMutations` },
    Milestone: milestoneResolvers,
    TerminalStep: { on: (s: TerminalStepRow) => s.onDate },
    Query: { [names.field]: () => office },
    Mutation: { [names.field]: () => ({}) },
    // The office's lists and figures and every write, each in a span of its own in a traced request (the nested
    // lists and references are the loaders' batches).
    [`${names.typePrefix}Office`]: {
      __resolveReference: (ref: { province: string }) => (ref.province === province ? office : null),
      province: ownProvince,
      ...traceResolvers(`${names.typePrefix}Office`, {
        ports: (_: unknown, args: Args) => listPorts(ds, province, args),
        port: (_: unknown, args: { code: string }, ctx: ProvinceContext) => ctx.loaders.port.load(args.code),
        terminals: (_: unknown, args: Args) => listTerminals(ds, province, args),
        routes: (_: unknown, args: Args) => listRoutes(ds, province, args),
        initiatives: (_: unknown, args: Args) => listInitiatives(ds, province, args),
        commitments: (_: unknown, args: Args) => listCommitments(ds, province, args),
        capacityRecords: (_: unknown, args: Args) => listCapacityRecords(ds, province, args),
        history: (_: unknown, args: Args) => listHistory(ds, province, args),
        capacitySummaries: (_: unknown, args: FigureArgs & { cargoClass?: string | null }) =>
          capacitySummaries(ds, province, { ...figureQuestion(args), cargoClass: args.cargoClass ?? null }),
        clearanceSamples: (_: unknown, args: FigureArgs) => clearanceSamples(ds, figureQuestion(args)),
      }),
    },
    [`${names.typePrefix}OfficeMutations`]: traceResolvers(`${names.typePrefix}OfficeMutations`, {
      updatePort: write('port', (ctx, a) => portWriter.updatePort(ctx.actor, a), (code) => repo.findOneByOrFail(PortRow, { code })),
      recordClearanceCapacity: write('capacityRecord', (ctx, a) => portWriter.recordClearanceCapacity(ctx.actor, a),
        (id) => repo.findOneByOrFail(CapacityRecordRow, { id })),
      upsertRoute: write('route', (ctx, a) => portWriter.upsertRoute(ctx.actor, a), (id) => repo.findOneByOrFail(RouteRow, { id })),
      advanceTerminalOpening: write('terminal', (ctx, a) => portWriter.advanceTerminalOpening(ctx.actor, a),
        (id) => repo.findOneByOrFail(TerminalRow, { id })),
      proposeInitiative: write('initiative', (ctx, a) => initiativeWriter.proposeInitiative(ctx.actor, a),
        (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      completeMilestone: write('initiative', (ctx, a) => initiativeWriter.completeMilestone(ctx.actor, a),
        (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      registerPort: write('port', (ctx, a) => portWriter.registerPort(ctx.actor, a), (code) => repo.findOneByOrFail(PortRow, { code })),
      registerTerminal: write('terminal', (ctx, a) => portWriter.registerTerminal(ctx.actor, a), (id) => repo.findOneByOrFail(TerminalRow, { id })),
      updateTerminal: write('terminal', (ctx, a) => portWriter.updateTerminal(ctx.actor, a), (id) => repo.findOneByOrFail(TerminalRow, { id })),
      retirePort: write('port', (ctx, a) => portWriter.retirePort(ctx.actor, a), (code) => repo.findOneByOrFail(PortRow, { code })),
      retireTerminal: write('terminal', (ctx, a) => portWriter.retireTerminal(ctx.actor, a), (id) => repo.findOneByOrFail(TerminalRow, { id })),
      updateInitiative: write('initiative', (ctx, a) => initiativeWriter.updateInitiative(ctx.actor, a),
        (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      setPartners: async (parent: unknown, args: Args, ctx: ProvinceContext) => {
        const answer = await write('initiative', (c, a) => initiativeWriter.setPartners(c.actor, a),
          (id) => repo.findOneByOrFail(InitiativeRow, { id }))(parent, args, ctx);
        // After the commit: the removed partners release their commitments (each checks with this province).
        const unreleasedPartners = await initiativeWriter.releaseRemovedCommitments(String(args.initiativeId), ctx.authorization);
        return { ...answer, unreleasedPartners };
      },
      // Plumbing: a lead's request to a partner it removed (not in the public schema).
      _releaseCommitment: write('commitment', (ctx, a) => initiativeWriter.releaseCommitment(ctx.actor, a, ctx.authorization),
        (id) => repo.findOneByOrFail(CommitmentRow, { id })),
      addMilestone: write('initiative', (ctx, a) => initiativeWriter.addMilestone(ctx.actor, a), (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      rescheduleMilestone: write('initiative', (ctx, a) => initiativeWriter.rescheduleMilestone(ctx.actor, a),
        (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      cancelInitiative: write('initiative', (ctx, a) => initiativeWriter.cancelInitiative(ctx.actor, a), (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      withdrawCommitment: write('commitment', (ctx, a) => initiativeWriter.withdrawCommitment(ctx.actor, a),
        (id) => repo.findOneByOrFail(CommitmentRow, { id })),
      commitToInitiative: write('commitment', (ctx, a) => initiativeWriter.commitToInitiative(ctx.actor, a, ctx.authorization),
        (id) => repo.findOneByOrFail(CommitmentRow, { id })),
    }),
    [typeName('Port')]: {
      ...provenanceResolvers,
      history: history('Port', (r: PortRow) => r.code),
      __resolveReference: (ref: { code: string }, ctx: ProvinceContext) => ctx.loaders.port.load(ref.code),
      province: ownProvince,
      terminals: async (p: PortRow, args: PageArgs & { includeRetired?: boolean | null }, ctx: ProvinceContext) => listPage(
        (await ctx.loaders.terminalsByPort.load(p.code)).filter((t) => args.includeRetired || !t.retiredOn),
        LIST_ORDERS.terminals, pageRequest(args, LIST_ORDERS.terminals), (t) => ({ values: [t.id], province })),
      routes: async (p: PortRow, args: PageArgs, ctx: ProvinceContext) => listPage(
        await ctx.loaders.routesByOrigin.load(p.code), LIST_ORDERS.routes, pageRequest(args, LIST_ORDERS.routes),
        (r) => ({ values: [r.id], province })),
      latestCapacity: (p: PortRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.latestCapacityByPort.load(p.code),
      ...Object.fromEntries(CLEARANCE_FIELDS.map((field) => [field, clearanceOf(field)])),
    },
    [typeName('Terminal')]: {
      ...provenanceResolvers,
      history: history('Terminal', (r: TerminalRow) => r.id),
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.terminal.load(ref.id),
      province: ownProvince,
      nameEn: (t: TerminalRow) => t.name,
      port: (t: TerminalRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.port.load(t.portCode),
      cargoClasses: async (t: TerminalRow, _a: Args, ctx: ProvinceContext) =>
        (await ctx.loaders.cargoClassesByTerminal.load(t.id)).map((c) => c.cargoClass),
      steps: (t: TerminalRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.stepsByTerminal.load(t.id),
    },
    [typeName('CapacityRecord')]: {
      ...provenanceResolvers,
      history: history('CapacityRecord', (r: CapacityRecordRow) => r.id),
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.capacityRecord.load(ref.id),
      province: ownProvince,
      port: (c: CapacityRecordRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.port.load(c.portCode),
    },
    [typeName('Route')]: {
      ...provenanceResolvers,
      history: history('Route', (r: RouteRow) => r.id),
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.route.load(ref.id),
      province: ownProvince,
      origin: (r: RouteRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.port.load(r.originPortCode),
      destination: (r: RouteRow) => registry.portRef(r.destinationPortCode),
    },
    [typeName('Initiative')]: {
      ...provenanceResolvers,
      history: history('Initiative', (r: InitiativeRow) => r.id),
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.initiative.load(ref.id),
      province: ownProvince,
      lead: ownProvince,
      partners: partnersOf,
      milestones: (i: InitiativeRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.milestonesByInitiative.load(i.id),
      commitments: async (i: InitiativeRow, _a: Args, ctx: ProvinceContext) => (await commitmentsOf(i, ctx))
        .filter((c) => c.made).map((c) => registry.ref('Commitment', c.partner, commitmentId(province, i.id, c.partner))),
      pendingPartners: async (i: InitiativeRow, _a: Args, ctx: ProvinceContext) => (await commitmentsOf(i, ctx))
        .filter((c) => !c.made).map((c) => c.partner),
    },
    [typeName('Commitment')]: {
      ...provenanceResolvers,
      history: history('Commitment', (r: CommitmentRow) => r.id),
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.commitment.load(ref.id),
      province: ownProvince,
      initiative: (c: CommitmentRow) => registry.isProvince(c.leadProvince)
        ? registry.ref('Initiative', c.leadProvince, c.initiativeId) : null,
    },
  };
}
