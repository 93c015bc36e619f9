import {
  CHANGE_FIELDS, ENTITY_KINDS, ENTITY_SPECS, PAGE_ARGS, PORT_FILTER_FIELDS, ROLE, ROOT_DOCS, commonTypeDefs, connectionTypes,
  doc, federationLink, fieldLine, type ProvinceRegistry,
} from '@yrd/domain';

const CAPACITY_TOTALS = `
  ${doc('Open terminals (OPENED or TEMPORARILY_OPENED) handling the cargo class (every open terminal when none is given), counted at the port or port area they are in.')} terminalCount: Int!
  ${doc('Their design capacity in TEU a year.')} designCapacityTeu: Float!
  ${doc('Their design capacity in tonnes a year.')} designCapacityTonnes: Float!
  ${doc('Their design capacity in passengers a year.')} designCapacityPassengers: Float!
  ${doc('Ports whose customs figures of the month are counted: with a terminal of the cargo class at the port or one of its areas (every port when none is given). A port area rolls up to its port: the port\'s own record when it has one, else its areas\' records, so each figure counts once.')} portCount: Int!
  ${doc('Container throughput customs recorded at those ports (seaports, river ports, land ports) in the month, in TEU.')} throughputTeu: Float!
  ${doc('Cargo throughput customs recorded at those ports (seaports, river ports, land ports) in the month, in tonnes; airports\' cargo is airCargoTonnes.')} throughputTonnes: Float!
  ${doc('Cargo and mail customs recorded at those airports in the month, in tonnes.')} airCargoTonnes: Float!
  ${doc('All passengers at those airports in the month, domestic included, as customs records them; international ones are internationalPassengers.')} passengers: Int!
  ${doc('All flights at those airports in the month, domestic included, as customs records them.')} flights: Int!
  ${doc('International passengers border inspection recorded at those ports in the month.')} internationalPassengers: Int!
  ${doc('International flights border inspection recorded at those ports in the month.')} internationalFlights: Int!`;

const statsFields = (direction: 'Import' | 'Export') => `
  ${doc(`The mean of the ports' average ${direction.toLowerCase()} clearance hours; null when no port recorded one.`)} average${direction}ClearanceHours: Float
  ${doc(`The median of the ports' average ${direction.toLowerCase()} clearance hours.`)} p50${direction}ClearanceHours: Float
  ${doc(`The 90th percentile of the ports' average ${direction.toLowerCase()} clearance hours.`)} p90${direction}ClearanceHours: Float`;

/**
 * The region subgraph's SDL: it owns the entity interfaces (@key) with one implementation per province, whose
 * province-served fields stay in the provinces, ForeignPort from reference data, and the cross-province queries.
 */
export function regionTypeDefs(registry: ProvinceRegistry): string {
  const typeNames = (kind: string) => registry.provinces.map((p) => `${p.names.typePrefix}${kind}`);
  const entities = ENTITY_KINDS.map((kind) => {
    const { key, keyDescription, description } = ENTITY_SPECS[kind];
    const keyField = `${doc(keyDescription)} ${key}: ID!`;
    return [
      doc(description),
      // Only the key: every other field is served by the province that owns the record. A field here would make
      // the planner ask region to resolve an abstract reference it cannot type.
      `interface ${kind} @key(fields: "${key}") { ${keyField} }`,
      ...typeNames(kind).map((t) => `${doc(`${description} Published by the ${t.slice(0, -kind.length)} port office.`)}\ntype ${t} implements ${kind} @key(fields: "${key}") { ${keyField} }`),
    ].join('\n');
  }).join('\n');
  const officeKey = `${doc('The province this office publishes.')} province: Province!`;
  const portFields = [
    { name: 'province', type: 'Province', description: 'Null: a foreign port belongs to no province of the region.' },
    ...ENTITY_SPECS.Port.fields,
  ].map((f) => fieldLine(f, ('interfaceType' in f && f.interfaceType) || f.type)).join('\n');
  return `${federationLink(['@key', '@shareable'])}
${commonTypeDefs(registry)}
${entities}
${doc('A province\'s port office and what it publishes; every province serves the same fields.')}
interface ProvinceOffice @key(fields: "province") { ${officeKey} }
${typeNames('Office').map((t) => `${doc(`What the ${t.slice(0, -'Office'.length)} port office publishes.`)}\ntype ${t} implements ProvinceOffice @key(fields: "province") { ${officeKey} }`).join('\n')}

${doc('A port outside the region that routes serve, from the UN/LOCODE reference list.')}
type ForeignPort implements Port @key(fields: "code") {
  ${doc(ENTITY_SPECS.Port.keyDescription)} code: ID!
  ${doc('The ISO 3166 code of its country.')} country: String!
${portFields}
}
${connectionTypes('ForeignPort', 'foreign ports')}

${doc('An entry of the UN/LOCODE directory the platform ships: every port of the region and the foreign ports its routes serve, whether or not an office publishes it.')}
type DirectoryEntry {
  ${doc('The UN/LOCODE.')} code: ID!
  ${doc('The name the UN/LOCODE list gives.')} name: String!
  ${doc('The ISO 3166 code of its country.')} country: String!
  ${doc('The province whose office administers it (not always the one it lies in: Yangshan is Shanghai\'s); null for a foreign port.')} administeredBy: Province
  ${doc('What kind of port the list says it is.')} kind: PortKind!
  ${doc('The IATA code of an airport.')} iata: String
  ${doc('The port as published: a province\'s record or the foreign port; null when the province that administers it publishes no such port (a directory-only port).')} port: Port
}

${doc('Which ports of the region to list; every condition given must hold, and a list names at most 500 values.')}
input PortFilter {
  ${doc('Ports of these provinces; omit for all.')} provinces: [Province!]${PORT_FILTER_FIELDS}
}
${doc('Which routes to list; every condition given must hold, and a list names at most 500 values.')}
input RouteFilter {
  ${doc('Routes with either end in one of these provinces.')} provinces: [Province!]
  ${doc('Routes starting in one of these provinces.')} fromProvinces: [Province!]
  ${doc('Routes calling at a port of one of these provinces.')} toProvinces: [Province!]
  ${doc('Routes of these modes.')} modes: [RouteMode!]
  ${doc('Routes with these statuses.')} statuses: [RouteStatus!]
}
${doc('Which changes of the audit trail to list; every condition given must hold, and a list names at most 500 values.')}
input AuditFilter {
  ${doc('Changes in these provinces; omit for all.')} provinces: [Province!]
  ${doc('Changes to records of these kinds.')} entities: [EntityKind!]
  ${doc('Changes to the records with these keys (a port\'s UN/LOCODE, else its id).')} recordIds: [ID!]
  ${doc('Changes made by these subjects.')} actors: [String!]
  ${doc('Changes committed at or after this instant.')} from: DateTime
  ${doc('Changes committed at or before this instant.')} to: DateTime
}
${doc('Which joint initiatives to list; every condition given must hold, and a list names at most 500 values.')}
input InitiativeFilter {
  ${doc('Initiatives with these statuses.')} statuses: [InitiativeStatus!]
  ${doc('Initiatives led by these provinces.')} leads: [Province!]
  ${doc('Initiatives naming this province as a partner.')} partner: Province
  ${doc('Initiatives with a milestone overdue on this date.')} overdueAsOf: Date
}

${doc('A milestone past its due date and not done, with who is responsible.')}
type OverdueMilestone {
  ${doc('The initiative; null only when its lead province could not be reached.')} initiative: Initiative
  ${doc('The province that leads the initiative.')} lead: Province!
  ${doc('The milestone\'s number within the initiative.')} seq: Int!
  ${doc('What is to be done.')} title: String!
  ${doc('When it was due.')} due: Date!
  ${doc('The unit responsible (责任单位), by name.')} responsibleUnit: String!
  ${doc('Whole days from its due date to asOf.')} daysOverdue: Int!
}
${connectionTypes('OverdueMilestone', 'overdue milestones')}
${connectionTypes('ClearanceTarget', 'clearance targets')}

${doc('What a port search matched a port on.')}
enum PortMatchField {
  ${doc('Its official UN/LOCODE (or a part of it, three characters or more).')} CODE
  ${doc('The code carriers write for it (CNNGB for Ningbo-Zhoushan port).')} COMMERCIAL_ALIAS
  ${doc('Its IATA code.')} IATA
  ${doc('Its ICAO code.')} ICAO
  ${doc('Its Chinese name, or a part of it.')} NAME_ZH
  ${doc('Its English name, or a part of it.')} NAME_EN
  ${doc('The pinyin of its Chinese name: whole, by syllables or by initials (ningbo, nbzs).')} PINYIN
  ${doc('The name the UN/LOCODE list gives a port no office publishes.')} DIRECTORY_NAME
}
${doc('A port a search found, with what it matched and what its code means.')}
type PortMatch {
  ${doc('The official UN/LOCODE.')} code: ID!
  ${doc('The province whose office administers it; null for a foreign port.')} province: Province
  ${doc('The port as published (a province\'s record or a foreign port); null for a directory port nobody publishes.')} port: Port
  ${doc('Its UN/LOCODE directory entry; null for a port the directory does not list.')} directoryEntry: DirectoryEntry
  ${doc('What the search text matched.')} matchedOn: PortMatchField!
  ${doc('The value it matched (the code, the alias, the name).')} matchedText: String!
  ${doc('How well it matched, 0 to 100: higher first (an exact code 100, an exact alias 95, an exact name 84 or 85, whole pinyin 80).')} score: Int!
  ${doc('What the code means where carriers write one port\'s official code for another (CNNGB is Ningbo Lishe airport in UN/LOCODE; carriers write it for the seaport); null otherwise.')} note: String
}
${connectionTypes('PortMatch', 'port matches')}

${doc('Capacity totals of a province or the region: the design capacity of open terminals and the throughput customs recorded in the month at their ports.')}
type CapacityTotals {
  ${doc('The province; null for the region\'s total.')} province: Province
  ${doc('The month.')} period: YearMonth!${CAPACITY_TOTALS}
}
${doc('Capacity by province and for the region in one month.')}
type RegionalCapacity {
  ${doc('The month.')} period: YearMonth!
  ${doc('The cargo class asked for; null for every class.')} cargoClass: CargoClass
  ${doc('The kinds of port asked for, one per kind; null for every kind (each total still adds like with like).')} portKinds: [PortKind!]
  ${doc('One per province that answered, in service order.')} provinces: [CapacityTotals!]!
  ${doc('The sum of the provinces\' totals.')} region: CapacityTotals!
}
${doc('Capacity month by month.')}
type CapacitySeries {
  ${doc('The first month.')} from: YearMonth!
  ${doc('The last month.')} to: YearMonth!
  ${doc('The cargo class asked for; null for every class.')} cargoClass: CargoClass
  ${doc('Each month from from to to, in order: at most 120.')} months: [RegionalCapacity!]!
}
${doc('Whether a clearance target is the nation\'s or one province\'s.')}
enum TargetScope {
  ${doc('Set for the whole country.')} NATIONAL
  ${doc('Set by one province for its own ports.')} PROVINCIAL
}
${doc('What a clearance-time record states.')}
enum TargetKind {
  ${doc('The hours a reduction is measured from.')} BASELINE
  ${doc('Hours to reach by the end of its year.')} TARGET
  ${doc('The hours reached in its year.')} ACTUAL
}
${doc('A published figure of overall clearance time (整体通关时间): a baseline, a target or an outcome, with its source.')}
type ClearanceTarget {
  ${doc('The nation\'s or one province\'s.')} scope: TargetScope!
  ${doc('The province for a provincial figure; null for a national one.')} province: Province
  ${doc('The year it is for (a target: to reach by the end of it).')} year: Int!
  ${doc('Baseline, target or outcome.')} kind: TargetKind!
  ${doc('Overall import clearance time, in hours.')} importClearanceHours: Float!
  ${doc('Overall export clearance time, in hours.')} exportClearanceHours: Float!
  ${doc('The publication it is cited from.')} source: Source!
  ${doc('Whether the hours are derived rather than published (a target set as a share of the baseline).')} estimated: Boolean!
  ${doc('How the hours were derived; null unless estimated.')} estimateBasis: String
}

${doc('Average and percentiles of the ports\' average customs clearance hours in one month.')}
type ClearanceStats {
  ${doc('The province; null for the region.')} province: Province
  ${doc('Ports with a customs clearance record in the month, one sample each: a port area rolls up to its port (the port\'s own record, else the mean of its areas\').')} portCount: Int!${statsFields('Import')}${statsFields('Export')}
  ${doc('The target in force in the month\'s year: the province\'s own, else the nation\'s latest of that year or before; null before the first. Targets are overall clearance times; these are customs stages, the comparable part.')} target: ClearanceTarget
  ${doc('The gap to the target: the average import hours less the target\'s, in hours (positive: slower than the target); null without either.')} importExcessClearanceHours: Float
  ${doc('The gap to the target: the average export hours less the target\'s, in hours (positive: slower than the target); null without either.')} exportExcessClearanceHours: Float
}
${doc('Clearance hours by province and for the region in one month.')}
type ClearanceTimes {
  ${doc('The month.')} period: YearMonth!
  ${doc('The kinds of port the statistics are over, one per kind: one unless the question asked for more.')} portKinds: [PortKind!]!
  ${doc('One per province that answered, in service order.')} provinces: [ClearanceStats!]!
  ${doc('Over every port of the provinces that answered.')} region: ClearanceStats!
}
${doc('Clearance hours month by month.')}
type ClearanceTimeSeries {
  ${doc('The first month.')} from: YearMonth!
  ${doc('The last month.')} to: YearMonth!
  ${doc('The kinds of port the statistics are over, one per kind.')} portKinds: [PortKind!]!
  ${doc('Each month from from to to, in order: at most 120.')} months: [ClearanceTimes!]!
}

${doc('What a caller is, by its token.')}
enum Role {
${Object.entries(ROLE).map(([role, d]) => `  ${doc(d)} ${role.toUpperCase()}`).join('\n')}
}
${doc('Who is calling, and what it may change.')}
type Viewer {
  ${doc('The token\'s subject.')} subject: String!
  ${doc('Its role.')} role: Role!
  ${doc('The province of an office; null for a partner or an analyst.')} province: Province
  ${doc('The provinces whose records it may write (an office\'s own records and its commitments to other provinces\' initiatives): at most one.')} writableProvinces: [Province!]!
}

${doc('Any record a change event may be about.')}
union ChangedRecord = ${ENTITY_KINDS.flatMap((k) => typeNames(k)).join(' | ')}
${doc('A change to a record of one province, delivered in the order the changes committed in that province.')}
type ChangeEvent {${CHANGE_FIELDS}
  ${doc('Pass it as after to resume right after this event. It holds one position per province.')} cursor: String!
  ${doc('The names of the fields that changed: at most the record\'s fields.')} changedFields: [String!]!
  ${doc('The changed record as it is now; null when its province could not be reached.')} record: ChangedRecord
}

${ROOT_DOCS.Subscription}
type Subscription {
  ${doc('Every change in the given provinces to records of the given kinds.')}
  changes(${doc('Provinces to follow; omit for all.')} provinces: [Province!], ${doc('Kinds of record to follow; omit for all.')} entities: [EntityKind!], ${doc('A cursor from an earlier event or write: every change after it is replayed first. Omit to start now.')} after: String): ChangeEvent!
  ${doc('Monthly clearance capacity recorded or corrected.')}
  clearanceCapacityChanged(${doc('Provinces to follow; omit for all.')} provinces: [Province!], ${doc('Ports to follow (UN/LOCODEs); omit for all.')} portCodes: [ID!], ${doc('A cursor from an earlier event or write: every change after it is replayed first. Omit to start now.')} after: String): ChangeEvent!
  ${doc('Routes opened, changed or suspended.')}
  routeChanged(${doc('Provinces to follow; omit for all.')} provinces: [Province!], ${doc('A cursor from an earlier event or write: every change after it is replayed first. Omit to start now.')} after: String): ChangeEvent!
  ${doc('Initiatives proposed or advanced (a milestone done), and partners\' commitments to them.')}
  initiativeChanged(${doc('Provinces to follow; omit for all.')} provinces: [Province!], ${doc('A cursor from an earlier event or write: every change after it is replayed first. Omit to start now.')} after: String): ChangeEvent!
}

${ROOT_DOCS.Query}
type Query {
  ${doc('Who is calling, by its token, and what it may change.')}
  viewer: Viewer!
  ${doc('A province\'s port office and what it publishes: one document serves every province. Null with an error when its subgraph is unavailable.')}
  office(${doc('The province.')} province: Province!): ProvinceOffice
  ${doc('The cursor at the end of every province\'s change feed now: subscribe with it as after to receive every change from this moment on, even across a first disconnect.')}
  changeCursor: String!
  ${doc('Ports of the region, filtered in each province and merged in the order asked, with stable cursors.')}
  ports(${doc('Which ports; omit for all.')} filter: PortFilter, ${doc('How to sort them; by code by default.')} orderBy: PortOrder, ${PAGE_ARGS}): PortConnection!
  ${doc('A port some office publishes, or a foreign port, by UN/LOCODE; null for any other code (see directoryEntry for the directory\'s ports nobody publishes).')}
  port(${doc('The UN/LOCODE.')} code: ID!): Port
  ${doc('The directory\'s entry for a UN/LOCODE, whether or not an office publishes the port; null for a code not in the directory.')}
  directoryEntry(${doc('The UN/LOCODE.')} code: ID!): DirectoryEntry
  ${doc('The foreign ports the region\'s routes may serve, by code.')}
  foreignPorts(${PAGE_ARGS}): ForeignPortConnection!
  ${doc('Routes of the region, by id.')}
  routes(${doc('Which routes; omit for all.')} filter: RouteFilter, ${PAGE_ARGS}): RouteConnection!
  ${doc('Joint initiatives of the region, by id.')}
  initiatives(${doc('Which initiatives; omit for all.')} filter: InitiativeFilter, ${PAGE_ARGS}): InitiativeConnection!
  ${doc('Who changed what, when, from which value to which, across the provinces: newest first.')}
  auditTrail(${doc('Which changes; omit for all.')} filter: AuditFilter, ${PAGE_ARGS}): AuditEntryConnection!
  ${doc('Milestones not done by asOf, most overdue first.')}
  overdueMilestones(${doc('The day to judge by; default today (UTC).')} asOf: Date, ${PAGE_ARGS}): OverdueMilestoneConnection!
  ${doc('Design capacity and recorded throughput by province and for the region in one month.')}
  regionalCapacity(${doc('The month.')} period: YearMonth!, ${doc('Only terminals handling this cargo class; omit for all.')} cargoClass: CargoClass, ${doc('Only ports of these kinds; omit for every kind.')} portKinds: [PortKind!]): RegionalCapacity!
  ${doc('Design capacity and recorded throughput by province and for the region, month by month.')}
  capacitySeries(${doc('The first month.')} from: YearMonth!, ${doc('The last month: at most 120 months after from.')} to: YearMonth!, ${doc('Only these provinces; omit for all.')} provinces: [Province!], ${doc('Only terminals handling this cargo class; omit for all.')} cargoClass: CargoClass, ${doc('Only ports of these kinds; omit for every kind.')} portKinds: [PortKind!]): CapacitySeries!
  ${doc('Average and percentile customs clearance hours by province and for the region in one month, beside the target in force.')}
  clearanceTimes(${doc('The month.')} period: YearMonth!, ${doc('The kinds of port to take samples from: one by default, so that seaports, river ports and airports never mix unless asked.')} portKinds: [PortKind!]! = [SEAPORT]): ClearanceTimes!
  ${doc('Average and percentile customs clearance hours by province and for the region, month by month, beside the target in force.')}
  clearanceTimeSeries(${doc('The first month.')} from: YearMonth!, ${doc('The last month: at most 120 months after from.')} to: YearMonth!, ${doc('Only these provinces; omit for all.')} provinces: [Province!], ${doc('The kinds of port to take samples from: one by default, so that seaports, river ports and airports never mix unless asked.')} portKinds: [PortKind!]! = [SEAPORT]): ClearanceTimeSeries!
  ${doc('Ports of the region and foreign ports by what a caller knows of them: a code, the carriers\' alias, IATA or ICAO, a Chinese or English name, or pinyin; best match first.')}
  searchPorts(${doc('What to look for: 1 to 100 characters (宁波, ningbo, CNNGB, NGB).')} text: String!, ${PAGE_ARGS}): PortMatchConnection!
  ${doc('The published clearance-time baselines, targets and outcomes, by year and kind.')}
  clearanceTargets(${doc('Only these years (at most 50); omit for all.')} years: [Int!], ${PAGE_ARGS}): ClearanceTargetConnection!
}
`;
}
