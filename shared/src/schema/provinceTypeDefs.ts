import { ENTITY_KINDS, type EntityKind } from '../domain';
import type { ProvinceRegistry } from '../provinces';
import { CAPACITY_TOTAL_FIELDS, PORT_FILTER_FIELDS, commonTypeDefs, federationLink } from './commonTypeDefs';
import { CROSS_REFERENCED_KINDS, ENTITY_SPECS, type EntityField } from './entityFields';

const fieldLine = (f: EntityField, type: string, directive = '') =>
  `  ${f.description ? `"${f.description}" ` : ''}${f.name}${f.args ?? ''}: ${type}${directive}`;

function entityTypes(kind: EntityKind, own: string, others: readonly string[]): string {
  const spec = ENTITY_SPECS[kind];
  const keyField = `  ${spec.key}: ID!`;
  const province = '  province: Province';
  const iface = [
    `"${spec.description}"`, `interface ${kind} {`, keyField, province,
    ...spec.fields.map((f) => fieldLine(f, f.type)), '}',
  ];
  const ownType = [
    `type ${own}${kind} implements ${kind} @key(fields: "${spec.key}") {`, keyField, `${province} @shareable`,
    ...spec.fields.map((f) => fieldLine(f, f.type)), '}',
  ];
  const stubs = CROSS_REFERENCED_KINDS.includes(kind)
    ? others.map((other) => [
      `type ${other}${kind} implements ${kind} @key(fields: "${spec.key}", resolvable: false) {`, keyField,
      `${province} @external`, ...spec.fields.map((f) => fieldLine(f, f.type, ' @external')), '}',
    ].join('\n'))
    : [];
  return [...iface, ...ownType, ...stubs].join('\n');
}

const INPUTS = `
input ProvincePortFilter {
  codes: [ID!]${PORT_FILTER_FIELDS}
}
input ProvinceRouteFilter { modes: [RouteMode!] statuses: [RouteStatus!] originCodes: [ID!] destinationCodes: [ID!] }
input ProvinceInitiativeFilter { statuses: [InitiativeStatus!] partner: Province "Initiatives with a milestone overdue on this date." overdueAsOf: Date }
input TerminalFilter { portCodes: [ID!] stages: [TerminalStage!] cargoClass: CargoClass }
"Capacity of the terminals handling a cargo class, and the customs throughput of their ports, in one month."
type CapacitySummary @shareable {
  province: Province!
  period: String!
  cargoClass: CargoClass${CAPACITY_TOTAL_FIELDS}
}
type ClearanceSample @shareable { portCode: ID! importHours: Float exportHours: Float }
input CapacityFilter { portCodes: [ID!] agencies: [Agency!] "YYYY-MM, inclusive." from: String "YYYY-MM, inclusive." to: String }

"Fields of a port an office may change; omitted fields stay as they are."
input PortUpdateInput {
  nameZh: String
  nameEn: String
  city: String
  customsDistrict: String
  openingStatus: OpeningStatus
  clearance24x7: Boolean
  clearanceOnHolidays: Boolean
  eportConnection: EportConnection
  iata: String
  icao: String
  commercialAlias: String
}
input CapacityRecordInput {
  portCode: ID!
  agency: Agency!
  "YYYY-MM."
  period: String!
  throughputTeu: Float
  throughputTonnes: Float
  flights: Int
  passengers: Int
  avgImportHours: Float
  avgExportHours: Float
  clearance24x7: Boolean!
}
"Opens a route (no id, or a new one), or changes or suspends one (its id, with expectedVersion)."
input RouteInput {
  id: ID
  mode: RouteMode!
  carrier: String!
  originCode: ID!
  destinationCode: ID!
  weeklyFrequency: Float!
  status: RouteStatus!
  openedOn: Date
}
input MilestoneInput { title: String! due: Date! responsibleAgency: String! }
input InitiativeInput {
  id: ID
  title: String!
  category: InitiativeCategory!
  partners: [Province!]!
  startOn: Date!
  milestones: [MilestoneInput!]!
}
input CommitmentInput {
  initiativeId: ID!
  lead: Province!
  summary: String!
  responsibleAgency: String!
  due: Date
  status: CommitmentStatus! = COMMITTED
}
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
  const idem = 'idempotencyKey: String';
  return `${federationLink(['@key', '@shareable', '@external'])}
${commonTypeDefs(registry.provinces.map((p) => p.code))}
${ENTITY_KINDS.map((kind) => entityTypes(kind, P, others)).join('\n')}
"A foreign port, published by the region subgraph from reference data."
type ForeignPort implements Port @key(fields: "code", resolvable: false) {
  code: ID!
  province: Province @external
${ENTITY_SPECS.Port.fields.map((f) => fieldLine(f, f.type, ' @external')).join('\n')}
}
${INPUTS}
"What the ${P} port office publishes."
type ${P}Office {
  province: Province!
  ports(filter: ProvincePortFilter, orderBy: PortOrder, first: Int, "Rows after this position (see encodePortCursor)." after: String): [${P}Port!]!
  portCount(filter: ProvincePortFilter): Int!
  port(code: ID!): ${P}Port
  terminals(filter: TerminalFilter): [${P}Terminal!]!
  routes(filter: ProvinceRouteFilter): [${P}Route!]!
  initiatives(filter: ProvinceInitiativeFilter): [${P}Initiative!]!
  commitments: [${P}Commitment!]!
  capacityRecords(filter: CapacityFilter): [${P}CapacityRecord!]!
  "Totals over this province's rows, for the region to add up."
  capacitySummary(period: String!, cargoClass: CargoClass): CapacitySummary!
  "Each port's customs clearance hours in a month, for the region's averages and percentiles."
  clearanceSamples(period: String!): [ClearanceSample!]!
}
"The ${P} port office's changes. Each writes its records and a change event in one transaction."
type ${P}OfficeMutations {
  updatePort(code: ID!, input: PortUpdateInput!, expectedVersion: Int!, ${idem}): ${P}Port!
  "Records a month of capacity; correcting a recorded month needs expectedVersion."
  recordClearanceCapacity(input: CapacityRecordInput!, expectedVersion: Int, ${idem}): ${P}CapacityRecord!
  upsertRoute(input: RouteInput!, expectedVersion: Int, ${idem}): ${P}Route!
  advanceTerminalOpening(terminalId: ID!, stage: TerminalStage!, on: Date!, note: String, expectedVersion: Int!, ${idem}): ${P}Terminal!
  proposeInitiative(input: InitiativeInput!, ${idem}): ${P}Initiative!
  completeMilestone(initiativeId: ID!, seq: Int!, doneOn: Date!, expectedVersion: Int!, ${idem}): ${P}Initiative!
  "Commits to another province's initiative; changing a commitment needs expectedVersion."
  commitToInitiative(input: CommitmentInput!, expectedVersion: Int, ${idem}): ${P}Commitment!
}
type Query {
  "The ${P} port office's records; null with an error when its subgraph is unavailable."
  ${own.field}: ${P}Office
}
type Mutation {
  ${own.field}: ${P}OfficeMutations
}
`;
}
