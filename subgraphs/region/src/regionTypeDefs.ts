import {
  CAPACITY_TOTAL_FIELDS, ENTITY_KINDS, ENTITY_SPECS, PORT_FILTER_FIELDS, commonTypeDefs, federationLink,
  type ProvinceRegistry,
} from '@yrd/shared';

/**
 * The region subgraph's SDL: it owns the entity interfaces (@key) with one implementation per province, whose
 * province-served fields stay in the provinces, ForeignPort from reference data, and the cross-province queries.
 */
export function regionTypeDefs(registry: ProvinceRegistry): string {
  const entities = ENTITY_KINDS.map((kind) => {
    const key = ENTITY_SPECS[kind].key;
    return [
      `"${ENTITY_SPECS[kind].description}"`,
      // Only the key: every other field is served by the province that owns the record. A field here would make
      // the planner ask region to resolve an abstract reference it cannot type.
      `interface ${kind} @key(fields: "${key}") { ${key}: ID! }`,
      ...registry.provinces.map((p) => `type ${p.names.typeName(kind)} implements ${kind} @key(fields: "${key}") { ${key}: ID! }`),
    ].join('\n');
  }).join('\n');
  const portFields = ENTITY_SPECS.Port.fields.map((f) => `  ${f.name}: ${f.type}`).join('\n');
  return `${federationLink(['@key', '@shareable'])}
${commonTypeDefs(registry.provinces.map((p) => p.code))}
${entities}
"A port outside the region that routes serve, from the UN/LOCODE reference list."
type ForeignPort implements Port @key(fields: "code") {
  code: ID!
  province: Province
  country: String!
${portFields}
}

input PortFilter {
  provinces: [Province!]${PORT_FILTER_FIELDS}
}
type PageInfo { hasNextPage: Boolean! startCursor: String endCursor: String }
type PortEdge { cursor: String! node: Port! }
type PortConnection { nodes: [Port!]! edges: [PortEdge!]! pageInfo: PageInfo! totalCount: Int! }

input RouteFilter {
  "Routes with either end in one of these provinces."
  provinces: [Province!]
  "Routes starting in one of these provinces."
  fromProvinces: [Province!]
  "Routes calling at a port of one of these provinces."
  toProvinces: [Province!]
  modes: [RouteMode!]
  statuses: [RouteStatus!]
}
input InitiativeFilter {
  statuses: [InitiativeStatus!]
  leads: [Province!]
  partner: Province
  "Initiatives with a milestone overdue on this date."
  overdueAsOf: Date
}

"A milestone past its due date and not done, with who is responsible."
type OverdueMilestone {
  initiative: Initiative!
  lead: Province!
  seq: Int!
  title: String!
  due: Date!
  responsibleAgency: String!
  daysOverdue: Int!
}

"Capacity totals: the design capacity of open terminals and the month's customs-recorded throughput."
type CapacityTotals {
  "Null for the region's total."
  province: Province${CAPACITY_TOTAL_FIELDS}
}
type RegionalCapacity { period: String! cargoClass: CargoClass provinces: [CapacityTotals!]! region: CapacityTotals! }

"Average and percentiles of the ports' average customs clearance hours in one month."
type ClearanceStats {
  "Null for the region."
  province: Province
  ports: Int!
  averageImportHours: Float
  p50ImportHours: Float
  p90ImportHours: Float
  averageExportHours: Float
  p50ExportHours: Float
  p90ExportHours: Float
}
type ClearanceTimes { period: String! provinces: [ClearanceStats!]! region: ClearanceStats! }

enum EntityKind { ${ENTITY_KINDS.join(' ')} }
"A change to a record of one province, delivered in the order the changes committed in that province."
type ChangeEvent {
  "Pass it as \`after\` to resume right after this event. It holds one position per province."
  cursor: String!
  province: Province!
  entity: EntityKind!
  "The record's key (a port's UN/LOCODE, else its id)."
  id: ID!
  kind: ChangeKind!
  at: DateTime!
  "Who made the change."
  actor: String!
  changedFields: [String!]!
${ENTITY_KINDS.map((kind) => `  "The changed record, as it is now, when entity is ${kind}."
  ${kind[0].toLowerCase()}${kind.slice(1)}: ${kind}`).join('\n')}
}

type Subscription {
  "Every change in the given provinces (default all) to records of the given kinds (default all)."
  changes(provinces: [Province!], entities: [EntityKind!], "A cursor from an earlier event: every change after it is replayed first." after: String): ChangeEvent!
  "Monthly clearance capacity recorded or corrected, at the given ports (default all)."
  clearanceCapacityChanged(provinces: [Province!], ports: [ID!], after: String): ChangeEvent!
  "Routes opened, changed or suspended."
  routeChanged(provinces: [Province!], after: String): ChangeEvent!
  "Initiatives proposed or advanced (a milestone done), and partners' commitments to them."
  initiativeChanged(provinces: [Province!], after: String): ChangeEvent!
}

type Query {
  "The cursor at the end of every province's change feed now: subscribe with it as \`after\` to receive every change from this moment on, even across a first disconnect."
  changeCursor: String!
  "Ports of the region, filtered in each province, merged in order, with stable cursors."
  ports(filter: PortFilter, orderBy: PortOrder, first: Int = 20, after: String): PortConnection!
  "A port of the region or a foreign port, by UN/LOCODE."
  port(code: ID!): Port
  foreignPorts: [ForeignPort!]!
  routes(filter: RouteFilter): [Route!]!
  initiatives(filter: InitiativeFilter): [Initiative!]!
  "Milestones not done by asOf (default today, UTC), most overdue first."
  overdueMilestones(asOf: Date): [OverdueMilestone!]!
  regionalCapacity(period: String!, cargoClass: CargoClass): RegionalCapacity!
  clearanceTimes(period: String!): ClearanceTimes!
}
`;
}
