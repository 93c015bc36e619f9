import { GraphQLScalarType, Kind, type GraphQLFieldResolver } from 'graphql';
import type { DataSource } from 'typeorm';
import {
  CapacityRecordRow, CommitmentRow, InitiativeRow, PortRow, RouteRow, TerminalRow, type MilestoneRow,
  type TerminalStepRow,
} from '../db';
import { ENTITY_KINDS } from '../domain';
import type { ProvinceRegistry } from '../provinces';
import { parseInput, period } from '../validation';
import {
  capacitySummary, clearanceSamples, countPorts, listCapacityRecords, listCommitments, listInitiatives, listPorts, listRoutes, listTerminals,
} from './officeQueries';
import type { ProvinceContext } from './ProvinceContext';
import type { ProvinceWriter } from './writes/ProvinceWriter';

type Resolver<TParent = unknown> = GraphQLFieldResolver<TParent, ProvinceContext, Record<string, never>>;
type Args = Record<string, unknown>;

const today = () => new Date().toISOString().slice(0, 10);

/** A string scalar: values pass as they are, and the mutations' validators say what is wrong with a bad one. */
function stringScalar(name: string, description: string) {
  return new GraphQLScalarType({
    name, description,
    serialize: (v) => v,
    parseValue: (v) => {
      if (typeof v !== 'string') throw new TypeError(`${name} must be a string`);
      return v;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new TypeError(`${name} must be a string`);
      return ast.value;
    },
  });
}

export const DateScalar = stringScalar('Date', 'A calendar date, YYYY-MM-DD.');
export const DateTimeScalar = stringScalar('DateTime', 'An instant in UTC, ISO 8601.');

export const milestoneResolvers = {
  overdue: (m: MilestoneRow, args: { asOf?: string | null }) => !m.doneOn && m.due < (args.asOf ?? today()),
};

/**
 * Resolvers of one province's subgraph. Nested lists and references go through the request's loaders; typed
 * references to other provinces' records come from the registry without asking anyone.
 */
export function provinceResolvers(province: string, registry: ProvinceRegistry, ds: DataSource, writer: ProvinceWriter) {
  const names = registry.names(province);
  const typeName = names.typeName;
  const ownProvince = () => province;
  // A mutation returns the key of what it wrote; read it back fresh, not from a loader that may hold the old row.
  const write = <T>(apply: (ctx: ProvinceContext, args: Args) => Promise<string>, reload: (key: string) => Promise<T>):
    Resolver<unknown> => (async (_parent: unknown, args: Args, ctx: ProvinceContext) => reload(await apply(ctx, args))) as never;
  const repo = ds.manager;

  const interfaces = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, {
    __resolveType: (obj: { __typename?: string }) => obj.__typename ?? typeName(kind),
  }]));

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    ...interfaces,
    Milestone: milestoneResolvers,
    TerminalStep: { on: (s: TerminalStepRow) => s.onDate },
    Query: { [names.field]: () => ({}) },
    Mutation: { [names.field]: () => ({}) },
    [`${names.typePrefix}Office`]: {
      province: ownProvince,
      ports: (_: unknown, args: Args) => listPorts(ds, args),
      portCount: (_: unknown, args: { filter?: object | null }) => countPorts(ds, args.filter),
      port: (_: unknown, args: { code: string }, ctx: ProvinceContext) => ctx.loaders.port.load(args.code),
      terminals: (_: unknown, args: { filter?: object | null }) => listTerminals(ds, args.filter ?? {}),
      routes: (_: unknown, args: { filter?: object | null }) => listRoutes(ds, args.filter ?? {}),
      initiatives: (_: unknown, args: { filter?: object | null }) => listInitiatives(ds, args.filter ?? {}),
      commitments: () => listCommitments(ds),
      capacityRecords: (_: unknown, args: { filter?: object | null }) => listCapacityRecords(ds, args.filter ?? {}),
      capacitySummary: (_: unknown, args: { period: string; cargoClass?: string | null }) =>
        capacitySummary(ds, province, parseInput(period, args.period, 'period'), args.cargoClass ?? null),
      clearanceSamples: (_: unknown, args: { period: string }) => clearanceSamples(ds, parseInput(period, args.period, 'period')),
    },
    [`${names.typePrefix}OfficeMutations`]: {
      updatePort: write((ctx, a) => writer.updatePort(ctx.actor, a), (code) => repo.findOneByOrFail(PortRow, { code })),
      recordClearanceCapacity: write((ctx, a) => writer.recordClearanceCapacity(ctx.actor, a),
        (id) => repo.findOneByOrFail(CapacityRecordRow, { id })),
      upsertRoute: write((ctx, a) => writer.upsertRoute(ctx.actor, a), (id) => repo.findOneByOrFail(RouteRow, { id })),
      advanceTerminalOpening: write((ctx, a) => writer.advanceTerminalOpening(ctx.actor, a),
        (id) => repo.findOneByOrFail(TerminalRow, { id })),
      proposeInitiative: write((ctx, a) => writer.proposeInitiative(ctx.actor, a),
        (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      completeMilestone: write((ctx, a) => writer.completeMilestone(ctx.actor, a),
        (id) => repo.findOneByOrFail(InitiativeRow, { id })),
      commitToInitiative: write((ctx, a) => writer.commitToInitiative(ctx.actor, a, ctx.authorization),
        (id) => repo.findOneByOrFail(CommitmentRow, { id })),
    },
    [typeName('Port')]: {
      __resolveReference: (ref: { code: string }, ctx: ProvinceContext) => ctx.loaders.port.load(ref.code),
      province: ownProvince,
      terminals: (p: PortRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.terminalsByPort.load(p.code),
      routes: (p: PortRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.routesByOrigin.load(p.code),
      latestCapacity: (p: PortRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.latestCapacityByPort.load(p.code),
    },
    [typeName('Terminal')]: {
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.terminal.load(ref.id),
      province: ownProvince,
      port: (t: TerminalRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.port.load(t.portCode),
      cargoClasses: async (t: TerminalRow, _a: Args, ctx: ProvinceContext) =>
        (await ctx.loaders.cargoClassesByTerminal.load(t.id)).map((c) => c.cargoClass),
      steps: (t: TerminalRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.stepsByTerminal.load(t.id),
    },
    [typeName('CapacityRecord')]: {
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.capacityRecord.load(ref.id),
      province: ownProvince,
      port: (c: CapacityRecordRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.port.load(c.portCode),
    },
    [typeName('Route')]: {
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.route.load(ref.id),
      province: ownProvince,
      origin: (r: RouteRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.port.load(r.originCode),
      destination: (r: RouteRow) => registry.portRef(r.destinationCode),
    },
    [typeName('Initiative')]: {
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.initiative.load(ref.id),
      province: ownProvince,
      lead: ownProvince,
      partners: (i: InitiativeRow) => i.partners.split(',').filter(Boolean),
      milestones: (i: InitiativeRow, _a: Args, ctx: ProvinceContext) => ctx.loaders.milestonesByInitiative.load(i.id),
      commitments: (i: InitiativeRow) => i.partners.split(',').filter((p) => registry.isProvince(p))
        .map((p) => registry.ref('Commitment', p, `${i.id}:${p}`)),
    },
    [typeName('Commitment')]: {
      __resolveReference: (ref: { id: string }, ctx: ProvinceContext) => ctx.loaders.commitment.load(ref.id),
      province: ownProvince,
      initiative: (c: CommitmentRow) => registry.isProvince(c.leadProvince)
        ? registry.ref('Initiative', c.leadProvince, c.initiativeId) : null,
    },
  };
}
