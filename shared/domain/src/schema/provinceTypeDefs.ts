import { ENTITY_KINDS, type EntityKind } from '../model';
import type { ProvinceRegistry } from '../provinces';
import { PAGE_ARGS, PORT_FILTER_FIELDS, ROOT_DOCS, commonTypeDefs, connectionTypes, doc, federationLink } from './commonTypeDefs';
import { CROSS_REFERENCED_KINDS, ENTITY_SPECS, type EntityField } from './entityFields';
import { MUTATIONS, PAYLOAD_TYPES, WRITE_INPUTS } from './writeTypeDefs';

export const fieldLine = (f: EntityField, type: string, directive = '') =>
  `  ${doc(f.description)} ${f.name}${f.args ?? ''}: ${type}${directive}`;

const provinceField = (kind: EntityKind) => ({
  name: 'province', type: 'Province!', interfaceType: kind === 'Port' ? 'Province' : undefined,
  description: kind === 'Port' ? 'The province whose office publishes it; null for a foreign port.' : 'The province whose office publishes it.',
});

function entityTypes(kind: EntityKind, own: string, others: readonly string[]): string {
  const spec = ENTITY_SPECS[kind];
  const keyField = `  ${doc(spec.keyDescription)} ${spec.key}: ID!`;
  const fields = [provinceField(kind), ...spec.fields];
  const iface = [
    doc(spec.description), `interface ${kind} {`, keyField, ...fields.map((f) => fieldLine(f, f.interfaceType ?? f.type)), '}',
  ];
  const ownType = [
    doc(`${spec.description} Published by the ${own} port office.`),
    `type ${own}${kind} implements ${kind} @key(fields: "${spec.key}") {`, keyField,
    ...fields.map((f) => fieldLine(f, f.type, f.name === 'province' ? ' @shareable' : '')), '}',
  ];
  const stubs = CROSS_REFERENCED_KINDS.includes(kind)
    ? others.map((other) => [
      doc(`${spec.description} Published by the ${other} port office.`),
      `type ${other}${kind} implements ${kind} @key(fields: "${spec.key}", resolvable: false) {`, keyField,
      ...fields.map((f) => fieldLine(f, f.type, ' @external')), '}',
    ].join('\n'))
    : [];
  return [...iface, ...ownType, ...stubs].join('\n');
}

/** The reads every province office serves: the fields of the ProvinceOffice interface and of each office type. */
const officeFields = (portType: string) => `
  ${doc('The province this office publishes.')} province: Province!
  ${doc('Its ports, in the order asked (by code by default).')}
  ports(${doc('Which ports; omit for all.')} filter: ProvincePortFilter, ${doc('How to sort them.')} orderBy: PortOrder, ${PAGE_ARGS}): PortConnection!
  ${doc('One of its ports by UN/LOCODE; null when it publishes no such port.')}
  port(${doc('The port\'s UN/LOCODE.')} code: ID!): ${portType}
  ${doc('Its terminals, by id.')}
  terminals(${doc('Which terminals; omit for all.')} filter: TerminalFilter, ${PAGE_ARGS}): TerminalConnection!
  ${doc('Its routes, by id.')}
  routes(${doc('Which routes; omit for all.')} filter: ProvinceRouteFilter, ${PAGE_ARGS}): RouteConnection!
  ${doc('The joint initiatives it leads, by id.')}
  initiatives(${doc('Which initiatives; omit for all.')} filter: ProvinceInitiativeFilter, ${PAGE_ARGS}): InitiativeConnection!
  ${doc('Its commitments to other provinces\' initiatives, by id.')}
  commitments(${doc('Which commitments; omit for all.')} filter: CommitmentFilter, ${PAGE_ARGS}): CommitmentConnection!
  ${doc('Its monthly clearance capacity records, by id (port, agency, month).')}
  capacityRecords(${doc('Which records; omit for all.')} filter: CapacityFilter, ${PAGE_ARGS}): CapacityRecordConnection!
  ${doc('Its audit trail: every change to its records, newest first, with who made it and the old and new values.')}
  history(${doc('Which changes; omit for all.')} filter: HistoryFilter, ${PAGE_ARGS}): AuditEntryConnection!`;

const INPUTS = `
${doc('Which of a province\'s ports to list; every condition given must hold, and a list names at most 500 values.')}
input ProvincePortFilter {
  ${doc('Ports with these UN/LOCODEs.')} portCodes: [ID!]${PORT_FILTER_FIELDS}
}
${doc('Which of a province\'s routes to list; every condition given must hold, and a list names at most 500 values.')}
input ProvinceRouteFilter {
  ${doc('Routes of these modes.')} modes: [RouteMode!]
  ${doc('Routes with these statuses.')} statuses: [RouteStatus!]
  ${doc('Routes starting at these ports (UN/LOCODEs).')} originPortCodes: [ID!]
  ${doc('Routes calling at these ports (UN/LOCODEs).')} destinationPortCodes: [ID!]
}
${doc('Which of a province\'s initiatives to list; every condition given must hold, and a list names at most 500 values.')}
input ProvinceInitiativeFilter {
  ${doc('Initiatives with these statuses.')} statuses: [InitiativeStatus!]
  ${doc('Initiatives naming this province as a partner.')} partner: Province
  ${doc('Initiatives with a milestone overdue on this date.')} overdueAsOf: Date
}
${doc('Which terminals to list; every condition given must hold, and a list names at most 500 values.')}
input TerminalFilter {
  ${doc('Terminals in these ports (UN/LOCODEs).')} portCodes: [ID!]
  ${doc('Terminals at these stages.')} stages: [TerminalStage!]
  ${doc('Terminals handling this cargo class.')} cargoClass: CargoClass
  ${doc('Retired terminals too; by default only terminals in service.')} includeRetired: Boolean = false
}
${doc('Which capacity records to list; every condition given must hold, and a list names at most 500 values.')}
input CapacityFilter {
  ${doc('Records of these ports (UN/LOCODEs).')} portCodes: [ID!]
  ${doc('Records of these agencies.')} agencies: [Agency!]
  ${doc('From this month, inclusive.')} from: YearMonth
  ${doc('To this month, inclusive.')} to: YearMonth
}
${doc('Which changes of the audit trail to list; every condition given must hold, and a list names at most 500 values.')}
input HistoryFilter {
  ${doc('Changes to records of these kinds.')} entities: [EntityKind!]
  ${doc('Changes to the records with these keys (a port\'s UN/LOCODE, else its id).')} recordIds: [ID!]
  ${doc('Changes made by these subjects.')} actors: [String!]
  ${doc('Changes committed at or after this instant.')} from: DateTime
  ${doc('Changes committed at or before this instant.')} to: DateTime
}
${doc('Which commitments to list; every condition given must hold, and a list names at most 500 values.')}
input CommitmentFilter {
  ${doc('Commitments to these initiatives.')} initiativeIds: [ID!]
  ${doc('Commitments to initiatives led by these provinces.')} leads: [Province!]
  ${doc('Commitments with these statuses.')} statuses: [CommitmentStatus!]
}
${connectionTypes('Commitment', 'commitments')}
${connectionTypes('CapacityRecord', 'capacity records')}
${doc('Plumbing for the region: a province\'s capacity totals in one month.')}
type CapacitySummary @shareable @inaccessible {
  province: Province!
  period: YearMonth!
  cargoClass: CargoClass
  terminalCount: Int!
  designCapacityTeu: Float!
  designCapacityTonnes: Float!
  designCapacityPassengers: Float!
  portCount: Int!
  throughputTeu: Float!
  throughputTonnes: Float!
  airCargoTonnes: Float!
  passengers: Int!
  flights: Int!
  internationalPassengers: Int!
  internationalFlights: Int!
}
${doc('Plumbing for the region: one port\'s customs clearance hours in one month (its areas rolled up).')}
type ClearanceSample @shareable @inaccessible { period: YearMonth! portCode: ID! portKind: PortKind! importClearanceHours: Float exportClearanceHours: Float }
`;

/**
 * The SDL of one province's subgraph, generated from one template so that every province is identical but for its
 * type prefix: its own entity types (with @key), key-less interfaces that list the fields it serves, and
 * resolvable:false stubs for the other provinces' records it references (DESIGN.md, sharded entities).
 */
export function provinceTypeDefs(province: string, registry: ProvinceRegistry): string {
  const own = registry.names(province);
  const others = registry.provinces.filter((p) => p.code !== province).map((p) => p.names.typePrefix);
  const P = own.typePrefix;
  return `${federationLink(['@key', '@shareable', '@external', '@inaccessible'])}
${commonTypeDefs(registry)}
${ENTITY_KINDS.map((kind) => entityTypes(kind, P, others)).join('\n')}
${doc('A port outside the region that routes serve, from the UN/LOCODE reference list.')}
type ForeignPort implements Port @key(fields: "code", resolvable: false) {
  ${doc(ENTITY_SPECS.Port.keyDescription)} code: ID!
${[provinceField('Port'), ...ENTITY_SPECS.Port.fields].map((f) => fieldLine(f, f.interfaceType ?? f.type, ' @external')).join('\n')}
}
${INPUTS}
${WRITE_INPUTS}
${PAYLOAD_TYPES}
${doc('What a province\'s port office publishes: every province serves the same fields, so one fragment on ProvinceOffice reads any of them.')}
interface ProvinceOffice {${officeFields('Port')}
}
${doc(`What the ${P} port office publishes.`)}
type ${P}Office implements ProvinceOffice @key(fields: "province") {${officeFields(`${P}Port`)}
  capacitySummaries(from: YearMonth!, to: YearMonth!, cargoClass: CargoClass, portKinds: [PortKind!]): [CapacitySummary!]! @inaccessible
  clearanceSamples(from: YearMonth!, to: YearMonth!, portKinds: [PortKind!]): [ClearanceSample!]! @inaccessible
}
${doc('The changes a province\'s port office makes, each in one transaction with its change event. Each answers its own payload, or null with an error at its own path: one failed write never hides another.')}
interface ProvinceOfficeMutations {
${MUTATIONS}
}
${doc(`The ${P} port office's changes; only a ${P} office token may make them.`)}
type ${P}OfficeMutations implements ProvinceOfficeMutations {
${MUTATIONS}
  _releaseCommitment(initiativeId: ID!, lead: Province!): WithdrawCommitmentPayload @inaccessible
}
${ROOT_DOCS.Query}
type Query {
  ${doc(`The ${P} port office's records; null with an error when its subgraph is unavailable.`)}
  ${own.field}: ${P}Office
}
${ROOT_DOCS.Mutation}
type Mutation {
  ${doc(`The ${P} port office's changes; null with an error when its subgraph is unavailable.`)}
  ${own.field}: ${P}OfficeMutations
}
`;
}
