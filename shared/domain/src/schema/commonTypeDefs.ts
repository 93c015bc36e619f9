import {
  AGENCY, CAPACITY_UNIT, CARGO_CLASS, CHANGE_KIND, ENTITY_KINDS, entityKindValue, COMMITMENT_STATUS, EPORT_CONNECTION, INITIATIVE_CATEGORY,
  INITIATIVE_STATUS, OPENING_STATUS, PORT_KIND, ROUTE_MODE, ROUTE_STATUS, TERMINAL_STAGE,
} from '../model';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../paging';
import type { ProvinceRegistry } from '../provinces';

export const federationLink = (imports: readonly string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports
    .map((i) => JSON.stringify(i)).join(', ')}])`;

/** A description in SDL, as a block string. */
export const doc = (text: string) => `"""${text}"""`;

/** Filters on province-owned port fields: pushed down as they are from region's PortFilter to each province. */
export const PORT_FILTER_FIELDS = `
  ${doc('Ports of these kinds; omit for every kind.')} kinds: [PortKind!]
  ${doc('Ports with one of these opening statuses; omit for any.')} openingStatuses: [OpeningStatus!]
  ${doc('Ports that do (true) or do not (false) clear around the clock; omit for both.')} clearance24x7: Boolean
  ${doc('Ports with one of these electronic-port connections; omit for any.')} eportConnections: [EportConnection!]
  ${doc('Ports with at least one terminal handling this cargo class.')} cargoClass: CargoClass
  ${doc('Ports whose latest average import clearance, in hours, is at most this.')} maxImportClearanceHours: Float
  ${doc('Retired ports too; by default only ports in service.')} includeRetired: Boolean = false`;

/** The Relay connection arguments every list that can grow takes. */
export const PAGE_ARGS = `${doc(`The first this many (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`)} first: Int, `
  + `${doc('Only items after this cursor.')} after: String, `
  + `${doc(`The last this many (at most ${MAX_PAGE_SIZE}); not with first.`)} last: Int, `
  + `${doc('Only items before this cursor.')} before: String`;

const enumType = (name: string, description: string, values: Readonly<Record<string, string>>) =>
  `${doc(description)}\nenum ${name} {\n${Object.entries(values).map(([v, d]) => `  ${doc(d)} ${v}`).join('\n')}\n}`;

/** The root types' descriptions, the same in every subgraph that declares them. */
export const ROOT_DOCS = {
  Query: doc('Reading the region\'s port clearance graph: every province\'s records, cross-province lists and aggregates.'),
  Mutation: doc('Writing: each province office\'s changes to its own records, under the province\'s field.'),
  Subscription: doc('Following changes as they commit, resumable from a cursor.'),
};

/** What every change says of itself, in the audit trail (AuditEntry) and as a subscription delivers it (ChangeEvent). */
export const CHANGE_FIELDS = `
  ${doc('The change\'s own id, <PROVINCE>:<position>: unique and stable, the same in the audit trail and on every delivery.')} id: ID!
  ${doc('The province whose record changed.')} province: Province!
  ${doc('The kind of record that changed.')} entity: EntityKind!
  ${doc('The changed record\'s key: a port\'s UN/LOCODE, else its id.')} recordId: ID!
  ${doc('What the change did.')} kind: ChangeKind!
  ${doc('When it committed.')} at: DateTime!
  ${doc('The subject of the token that made it.')} actor: String!`;

/** A Relay connection over `node` (an interface or type of this graph). Nodes are null only where their province could not be reached. */
export function connectionTypes(node: string, what: string): string {
  return `${doc(`A page of ${what}, in the list's order.`)}
type ${node}Connection @shareable {
  ${doc('The edges of this page, each with its cursor.')} edges: [${node}Edge!]!
  ${doc('The items of this page (the edges\' nodes); an item is null only when the province that publishes it could not be reached.')} nodes: [${node}]!
  ${doc('Where this page stands in the list.')} pageInfo: PageInfo!
  ${doc(`How many ${what} match, across every page.`)} totalCount: Int!
}
${doc(`One of ${what}, with its cursor.`)}
type ${node}Edge @shareable {
  ${doc('Pass it as after (or before) to page on from this item.')} cursor: String!
  ${doc('The item; null only when the province that publishes it could not be reached.')} node: ${node}
}`;
}

/** Where a page stands: the same in every subgraph with connections. */
export const PAGE_INFO = `${doc('Where a page stands in its list.')}
type PageInfo @shareable {
  ${doc('Whether items follow this page.')} hasNextPage: Boolean!
  ${doc('Whether items precede this page.')} hasPreviousPage: Boolean!
  ${doc('The cursor of the first item of this page; null when the page is empty.')} startCursor: String
  ${doc('The cursor of the last item of this page; null when the page is empty.')} endCursor: String
}`;

export const DATE_TIME = `${doc('An instant in UTC, ISO 8601.')}
scalar DateTime`;

/**
 * The scalars, enums and value types every subgraph declares identically (value types are @shareable), so that
 * composition merges them into one.
 */
export function commonTypeDefs(registry: ProvinceRegistry): string {
  const provinces = Object.fromEntries(registry.provinces.map((p) =>
    [p.code, `${p.names.typePrefix} (ISO 3166-2 CN-${p.subdivision}), served by its own subgraph.`]));
  return `
${doc('A calendar date, YYYY-MM-DD.')}
scalar Date
${DATE_TIME}
${doc('A calendar month, YYYY-MM, such as 2024-12.')}
scalar YearMonth
${enumType('Province', 'A province of the Yangtze River Delta whose port office publishes its records here.', provinces)}
${enumType('PortKind', 'What kind of port of entry a port is.', PORT_KIND)}
${enumType('OpeningStatus', 'Whether a port is open to foreign trade.', OPENING_STATUS)}
${enumType('EportConnection', 'How far a port is connected to the electronic port (电子口岸).', EPORT_CONNECTION)}
${enumType('CargoClass', 'Cargo classes after UNECE Recommendation 21, with the 2006 plan\'s splits.', CARGO_CLASS)}
${enumType('CapacityUnit', 'The unit of a terminal\'s design capacity.', CAPACITY_UNIT)}
${enumType('Agency', 'A clearance agency at a port.', AGENCY)}
${enumType('TerminalStage', 'The stages of a terminal\'s opening workflow, in order.', TERMINAL_STAGE)}
${enumType('RouteMode', 'Whether a route is by sea or by air.', ROUTE_MODE)}
${enumType('RouteStatus', 'Whether a route operates.', ROUTE_STATUS)}
${enumType('InitiativeCategory', 'What a joint initiative is about.', INITIATIVE_CATEGORY)}
${enumType('InitiativeStatus', 'Where a joint initiative stands.', INITIATIVE_STATUS)}
${enumType('CommitmentStatus', 'Where a partner\'s commitment stands.', COMMITMENT_STATUS)}
${enumType('ChangeKind', 'What a change did to its record.', CHANGE_KIND)}
${enumType('SortDirection', 'The direction of a sort.', { ASC: 'Ascending: smallest first.', DESC: 'Descending: largest first.' })}
${enumType('PortOrderField', 'What ports are sorted by; ties are broken by code, and missing values sort last.', {
    CODE: 'The UN/LOCODE.', NAME_EN: 'The English name.', IMPORT_CLEARANCE_HOURS: 'The latest average import clearance hours.',
  })}
${doc('How to sort ports.')}
input PortOrder {
  ${doc('What to sort by.')} field: PortOrderField! = CODE
  ${doc('Which way.')} direction: SortDirection! = ASC
}

${PAGE_INFO}
${connectionTypes('Port', 'ports')}
${connectionTypes('Terminal', 'terminals')}
${connectionTypes('Route', 'routes')}
${connectionTypes('Initiative', 'joint initiatives')}
${enumType('EntityKind', 'The kinds of record a change may be about.', Object.fromEntries(ENTITY_KINDS.map((k) =>
    [entityKindValue(k), `A ${k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}.`])))}

${doc('One field a change touched, with its value before and after.')}
type FieldChange @shareable {
  ${doc('The field, as the record\'s type names it (steps and milestones for a step added or a milestone done).')} field: String!
  ${doc('Its value before, as text (JSON for lists and objects); null when it had none, or for changes recorded before values were kept.')} oldValue: String
  ${doc('Its value after, as text (JSON for lists and objects); null when it has none.')} newValue: String
}
${doc('One change of a record in the audit trail: who changed what, when, from which value to which.')}
type AuditEntry @shareable {${CHANGE_FIELDS}
  ${doc('The fields it touched, each with its old and new value: at most the record\'s fields.')} changes: [FieldChange!]!
}
${connectionTypes('AuditEntry', 'changes')}

${doc('A dated step of a terminal\'s opening workflow.')}
type TerminalStep @shareable {
  ${doc('The stage reached.')} stage: TerminalStage!
  ${doc('The day it was reached.')} on: Date!
  ${doc('What the office noted with it.')} note: String
}

${doc('A publication a record\'s figures are cited from.')}
type Source @shareable {
  ${doc('Who published it (a ministry, a port office, a company, UNECE).')} publisher: String!
  ${doc('Its title, as published.')} title: String!
  ${doc('The year it was published.')} year: Int!
}
${doc('A publication to cite.')}
input SourceInput {
  ${doc('Who published it, at most 200 characters.')} publisher: String!
  ${doc('Its title, as published, at most 300 characters.')} title: String!
  ${doc('The year it was published, 1949 to this year.')} year: Int!
}
${doc('Where a record\'s figures come from. Omitted when creating a record: the office\'s own statement, as of today, not estimated.')}
input ProvenanceInput {
  ${doc('The publication the figures are cited from; null for the office\'s own statement.')} source: SourceInput
  ${doc('The day the figures hold as of: not after today.')} asOf: Date!
  ${doc('Whether the figures or dates are estimated or illustrative rather than published.')} estimated: Boolean = false
  ${doc('How the estimated values were derived, at most 500 characters: required when estimated, refused otherwise.')} estimateBasis: String
}

${doc('A milestone of a joint initiative, with the unit responsible for it.')}
type Milestone @shareable {
  ${doc('Its number within the initiative, from 1.')} seq: Int!
  ${doc('What is to be done.')} title: String!
  ${doc('When it is due.')} due: Date!
  ${doc('When it was done; null while open.')} doneOn: Date
  ${doc('Whether doneOn is an estimate: a historical item known to be done, whose day is not public (dated at its due date).')} doneOnEstimated: Boolean!
  ${doc('The unit responsible (责任单位), by name: a customs district, a port office, an electronic port.')} responsibleUnit: String!
  ${doc('True when not done by its due date and asOf is past it.')}
  overdue(${doc('The day to judge by; default today (UTC).')} asOf: Date): Boolean!
}
`;
}
