/**
 * The domain's closed vocabularies. Each is a const tuple so that the GraphQL enums, the zod validators and the
 * TypeScript types all come from one list.
 */
export const PORT_KINDS = ['SEAPORT', 'RIVER_PORT', 'AIRPORT', 'LAND_PORT'] as const;
export type PortKind = (typeof PORT_KINDS)[number];

export const OPENING_STATUSES = ['OPEN', 'TEMPORARILY_OPEN', 'UNDER_PREPARATION', 'PENDING_ACCEPTANCE'] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];

export const EPORT_CONNECTIONS = ['NOT_CONNECTED', 'PILOT', 'CONNECTED'] as const;
export type EportConnection = (typeof EPORT_CONNECTIONS)[number];

/** UNECE Rec. 21 cargo classes with the 2006 plan's splits. */
export const CARGO_CLASSES = [
  'CONTAINER', 'LIQUID_BULK', 'DRY_BULK_ORE', 'COAL', 'GRAIN', 'RO_RO', 'GENERAL', 'PASSENGER', 'AIR_CARGO',
] as const;
export type CargoClass = (typeof CARGO_CLASSES)[number];

export const CAPACITY_UNITS = ['TEU_PER_YEAR', 'TONNES_PER_YEAR', 'PASSENGERS_PER_YEAR'] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];

/** INSPECTION_QUARANTINE exists only before 2018-04-20, when it merged into customs. */
export const AGENCIES = ['CUSTOMS', 'BORDER_INSPECTION', 'MARITIME', 'INSPECTION_QUARANTINE'] as const;
export type Agency = (typeof AGENCIES)[number];
export const INSPECTION_QUARANTINE_MERGED_ON = '2018-04-20';

/** The terminal opening workflow, in order; OPENED and TEMPORARILY_OPENED both end it. */
export const TERMINAL_STAGES = [
  'PREPARATION', 'APPLICATION_FILED', 'ACCEPTANCE_INSPECTION', 'TEMPORARILY_OPENED', 'OPENED',
] as const;
export type TerminalStage = (typeof TERMINAL_STAGES)[number];

export const ROUTE_MODES = ['SEA', 'AIR'] as const;
export type RouteMode = (typeof ROUTE_MODES)[number];

export const ROUTE_STATUSES = ['PLANNED', 'OPERATING', 'SUSPENDED'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

export const INITIATIVE_CATEGORIES = [
  'ELECTRONIC_PORT', 'CLEARANCE_MODE', 'PORT_OPENING', 'INSPECTION', 'COORDINATION',
] as const;
export type InitiativeCategory = (typeof INITIATIVE_CATEGORIES)[number];

export const INITIATIVE_STATUSES = ['PROPOSED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const COMMITMENT_STATUSES = ['COMMITTED', 'IN_PROGRESS', 'DELIVERED', 'WITHDRAWN'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const CHANGE_KINDS = ['CREATED', 'UPDATED', 'DELETED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Entity kinds whose records are split by province; each has one GraphQL type per province. */
export const ENTITY_KINDS = ['Port', 'Terminal', 'CapacityRecord', 'Route', 'Initiative', 'Commitment'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ROLES = ['office', 'partner', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
