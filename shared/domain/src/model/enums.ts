/**
 * The domain's closed vocabularies, each with what every value means. The GraphQL enums (with their descriptions),
 * the zod validators and the TypeScript types all come from these lists.
 */
type Vocabulary = Readonly<Record<string, string>>;
const valuesOf = <V extends Vocabulary>(vocabulary: V) => Object.keys(vocabulary) as (keyof V & string)[];

export const PORT_KIND = {
  SEAPORT: 'A seaport (海港口岸).',
  RIVER_PORT: 'A river port open to foreign trade (内河港口岸), as on the Yangtze.',
  AIRPORT: 'An airport open to international flights (航空口岸).',
  LAND_PORT: 'A land port or inland dry port (陆路口岸).',
} as const;
export const PORT_KINDS = valuesOf(PORT_KIND);
export type PortKind = keyof typeof PORT_KIND;

export const OPENING_STATUS = {
  OPEN: 'Formally opened to foreign trade by the State Council.',
  TEMPORARILY_OPEN: 'Opened temporarily, pending formal opening.',
  UNDER_PREPARATION: 'Preparing for opening: not yet open to foreign trade.',
  PENDING_ACCEPTANCE: 'Built and waiting for the national acceptance inspection.',
} as const;
export const OPENING_STATUSES = valuesOf(OPENING_STATUS);
export type OpeningStatus = keyof typeof OPENING_STATUS;

export const EPORT_CONNECTION = {
  NOT_CONNECTED: 'Not connected to the electronic port (电子口岸).',
  PILOT: 'Connected as a pilot: some agencies or procedures only.',
  CONNECTED: 'Connected to the electronic port for every agency.',
} as const;
export const EPORT_CONNECTIONS = valuesOf(EPORT_CONNECTION);
export type EportConnection = keyof typeof EPORT_CONNECTION;

/** UNECE Rec. 21 cargo classes with the 2006 plan's splits. */
export const CARGO_CLASS = {
  CONTAINER: 'Containers, counted in TEU.',
  LIQUID_BULK: 'Liquid bulk: crude oil, oil products and chemicals.',
  DRY_BULK_ORE: 'Dry bulk metal ore, including ore transshipment.',
  COAL: 'Coal.',
  GRAIN: 'Grain.',
  RO_RO: 'Roll-on roll-off: vehicles.',
  GENERAL: 'General and break-bulk cargo.',
  PASSENGER: 'Passengers.',
  AIR_CARGO: 'Air cargo.',
} as const;
export const CARGO_CLASSES = valuesOf(CARGO_CLASS);
export type CargoClass = keyof typeof CARGO_CLASS;

export const CAPACITY_UNIT = {
  TEU_PER_YEAR: 'Twenty-foot equivalent units a year.',
  TONNES_PER_YEAR: 'Tonnes a year.',
  PASSENGERS_PER_YEAR: 'Passengers a year.',
} as const;
export const CAPACITY_UNITS = valuesOf(CAPACITY_UNIT);
export type CapacityUnit = keyof typeof CAPACITY_UNIT;

/** INSPECTION_QUARANTINE exists only before 2018-04-20, when it merged into customs. */
export const AGENCY = {
  CUSTOMS: 'China Customs: goods (and, since 2018-04-20, inspection and quarantine).',
  BORDER_INSPECTION: 'Border inspection (边检): people and crews.',
  MARITIME: 'The maritime safety administration (海事): ships.',
  INSPECTION_QUARANTINE: 'Entry-exit inspection and quarantine (检验检疫): only for months before 2018-04-20, when it merged into customs.',
} as const;
export const AGENCIES = valuesOf(AGENCY);
export type Agency = keyof typeof AGENCY;
export const INSPECTION_QUARANTINE_MERGED_ON = '2018-04-20';

/** The terminal opening workflow, in order; OPENED ends it. */
export const TERMINAL_STAGE = {
  PREPARATION: 'Preparing the opening: the first stage.',
  APPLICATION_FILED: 'The opening application has been filed.',
  APPLICATION_REJECTED: 'The application was rejected; it may be filed again.',
  APPLICATION_WITHDRAWN: 'The office withdrew the application; it may be filed again.',
  ACCEPTANCE_INSPECTION: 'Under acceptance inspection by the agencies.',
  START_OF_USE: 'In use (启用) after passing inspection, before its formal opening.',
  TEMPORARILY_OPENED: 'Opened temporarily; it may still move to OPENED.',
  OPENED: 'Opened to foreign trade: the workflow is done.',
} as const;
export const TERMINAL_STAGES = valuesOf(TERMINAL_STAGE);
export type TerminalStage = keyof typeof TERMINAL_STAGE;

export const ROUTE_MODE = { SEA: 'A shipping route.', AIR: 'An air route.' } as const;
export const ROUTE_MODES = valuesOf(ROUTE_MODE);
export type RouteMode = keyof typeof ROUTE_MODE;

export const ROUTE_STATUS = {
  PLANNED: 'Planned, not yet operating.',
  OPERATING: 'Operating.',
  SUSPENDED: 'Suspended.',
} as const;
export const ROUTE_STATUSES = valuesOf(ROUTE_STATUS);
export type RouteStatus = keyof typeof ROUTE_STATUS;

export const INITIATIVE_CATEGORY = {
  ELECTRONIC_PORT: 'Electronic port build-out and interconnection.',
  CLEARANCE_MODE: 'A new clearance mode, such as 24-hour clearance or linked unloading.',
  PORT_OPENING: 'Opening ports, terminals or routes.',
  INSPECTION: 'Acceptance inspection and supervision.',
  COORDINATION: 'Coordination of the regional mechanism itself.',
} as const;
export const INITIATIVE_CATEGORIES = valuesOf(INITIATIVE_CATEGORY);
export type InitiativeCategory = keyof typeof INITIATIVE_CATEGORY;

export const INITIATIVE_STATUS = {
  PROPOSED: 'Proposed by the lead; no milestone done yet.',
  ACTIVE: 'Under way: at least one milestone done.',
  COMPLETED: 'Every milestone done.',
  CANCELLED: 'Cancelled by the lead.',
} as const;
export const INITIATIVE_STATUSES = valuesOf(INITIATIVE_STATUS);
export type InitiativeStatus = keyof typeof INITIATIVE_STATUS;

export const COMMITMENT_STATUS = {
  COMMITTED: 'Committed, work not started.',
  IN_PROGRESS: 'Work under way.',
  DELIVERED: 'Delivered.',
  WITHDRAWN: 'Withdrawn by the partner.',
} as const;
export const COMMITMENT_STATUSES = valuesOf(COMMITMENT_STATUS);
export type CommitmentStatus = keyof typeof COMMITMENT_STATUS;

export const CHANGE_KIND = {
  CREATED: 'The record was created.',
  UPDATED: 'The record was changed.',
  DELETED: 'The record was removed.',
} as const;
export const CHANGE_KINDS = valuesOf(CHANGE_KIND);
export type ChangeKind = keyof typeof CHANGE_KIND;

/** A commitment's id: its lead, its initiative and the partner that commits, `<LEAD>:<initiative>:<PARTNER>`. */
export const commitmentId = (lead: string, initiativeId: string, partner: string) => `${lead}:${initiativeId}:${partner}`;

/** Entity kinds whose records are split by province; each has one GraphQL type per province. */
export const ENTITY_KINDS = ['Port', 'Terminal', 'CapacityRecord', 'Route', 'Initiative', 'Commitment'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
/** An entity kind's value in the GraphQL EntityKind enum: CAPACITY_RECORD for CapacityRecord. */
export const entityKindValue = (kind: EntityKind) => kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
/** The GraphQL enum's values and the kinds they stand for, as the EntityKind enum's resolvers map them. */
export const ENTITY_KIND_VALUES: Readonly<Record<string, EntityKind>> = Object.fromEntries(ENTITY_KINDS.map((k) => [entityKindValue(k), k]));

export const ROLE = {
  office: 'A province\'s port office: reads the whole region and writes its own province\'s records.',
  partner: 'A partner system (terminal operator, airline, single window): reads and subscribes.',
  analyst: 'An analyst: reads and subscribes.',
} as const;
export const ROLES = Object.keys(ROLE) as (keyof typeof ROLE)[];
export type Role = keyof typeof ROLE;
