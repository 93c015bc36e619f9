import {
  AGENCIES, CAPACITY_UNITS, CARGO_CLASSES, CHANGE_KINDS, COMMITMENT_STATUSES, EPORT_CONNECTIONS,
  INITIATIVE_CATEGORIES, INITIATIVE_STATUSES, OPENING_STATUSES, PORT_KINDS, ROUTE_MODES, ROUTE_STATUSES,
  TERMINAL_STAGES,
} from '../domain';

export const federationLink = (imports: readonly string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports
    .map((i) => JSON.stringify(i)).join(', ')}])`;

/** Filters on province-owned port fields: pushed down as they are from region's PortFilter to each province. */
export const PORT_FILTER_FIELDS = `
  kinds: [PortKind!]
  openingStatuses: [OpeningStatus!]
  clearance24x7: Boolean
  eportConnections: [EportConnection!]
  "Ports with at least one terminal handling this cargo class."
  cargoClass: CargoClass
  "Ports whose latest average import clearance is at most this many hours."
  maxImportClearanceHours: Float`;

/** A province's capacity totals, and the region's sum of them. */
export const CAPACITY_TOTAL_FIELDS = `
  terminals: Int!
  designCapacityTeu: Float!
  designCapacityTonnes: Float!
  designCapacityPassengers: Float!
  ports: Int!
  throughputTeu: Float!
  throughputTonnes: Float!
  passengers: Float!
  flights: Float!`;

const enumType = (name: string, values: readonly string[]) => `enum ${name} { ${values.join(' ')} }`;

/**
 * The scalars, enums and value types every subgraph declares identically (value types are @shareable), so that
 * composition merges them into one.
 */
export function commonTypeDefs(provinces: readonly string[]): string {
  return `
"A calendar date, YYYY-MM-DD."
scalar Date
"An instant in UTC, ISO 8601."
scalar DateTime
${enumType('Province', provinces)}
${enumType('PortKind', PORT_KINDS)}
${enumType('OpeningStatus', OPENING_STATUSES)}
${enumType('EportConnection', EPORT_CONNECTIONS)}
${enumType('CargoClass', CARGO_CLASSES)}
${enumType('CapacityUnit', CAPACITY_UNITS)}
${enumType('Agency', AGENCIES)}
${enumType('TerminalStage', TERMINAL_STAGES)}
${enumType('RouteMode', ROUTE_MODES)}
${enumType('RouteStatus', ROUTE_STATUSES)}
${enumType('InitiativeCategory', INITIATIVE_CATEGORIES)}
${enumType('InitiativeStatus', INITIATIVE_STATUSES)}
${enumType('CommitmentStatus', COMMITMENT_STATUSES)}
${enumType('ChangeKind', CHANGE_KINDS)}
enum SortDirection { ASC DESC }
enum PortOrderField { CODE NAME_EN IMPORT_CLEARANCE_HOURS }
input PortOrder { field: PortOrderField! = CODE direction: SortDirection! = ASC }

"A dated step of a terminal's opening workflow."
type TerminalStep @shareable { stage: TerminalStage! on: Date! note: String }

"A milestone of a joint initiative, with the agency responsible for it."
type Milestone @shareable {
  seq: Int!
  title: String!
  due: Date!
  doneOn: Date
  responsibleAgency: String!
  "True when not done by its due date and asOf (default today, UTC) is past it."
  overdue(asOf: Date): Boolean!
}
`;
}
