import type { EntityKind } from '../model';
import { PAGE_ARGS, doc } from './commonTypeDefs';

/**
 * One field of a province-split entity. `type` is the province's own type's, which the other provinces' stubs repeat
 * exactly (an @external field must match its owner's type); `interfaceType` is the interface's where another
 * implementation (ForeignPort) lacks the value. Fields that hold other provinces' records are nullable: when that
 * province is down, the reference becomes null with an error naming it, and the rest stands.
 */
export interface EntityField {
  readonly name: string;
  readonly type: string;
  readonly interfaceType?: string;
  readonly args?: string;
  readonly description: string;
}

export interface EntitySpec {
  readonly kind: EntityKind;
  readonly key: 'code' | 'id';
  readonly keyDescription: string;
  readonly description: string;
  readonly fields: readonly EntityField[];
}

const audit: EntityField[] = [
  { name: 'version', type: 'Int!', interfaceType: 'Int', description: 'Incremented by every change; send it back as expectedVersion to change the record.' },
  { name: 'updatedAt', type: 'DateTime!', interfaceType: 'DateTime', description: 'When the record last changed.' },
  { name: 'history', type: 'AuditEntryConnection!', args: `(${PAGE_ARGS})`, description: 'Its changes, newest first, each with who made it and the old and new values.' },
];

/** Where a record's figures come from (ProvenanceColumns); a foreign port, from the UN/LOCODE list, has no date of its own. */
const provenance: EntityField[] = [
  { name: 'source', type: 'Source', description: 'The publication its figures are cited from; null for the office\'s own statement, or an estimate no single publication backs (see estimateBasis).' },
  { name: 'asOf', type: 'Date!', interfaceType: 'Date', description: 'The day its figures hold as of.' },
  { name: 'estimated', type: 'Boolean!', interfaceType: 'Boolean', description: 'Whether its figures or dates are estimated or illustrative rather than published; estimateBasis says how.' },
  { name: 'estimateBasis', type: 'String', description: 'How its estimated values were derived; null unless estimated.' },
];
const ownProvenance = provenance.map((f) => ({ ...f, interfaceType: undefined }));

export const ENTITY_SPECS: Record<EntityKind, EntitySpec> = {
  Port: {
    kind: 'Port', key: 'code', keyDescription: 'The official UN/LOCODE (CNNBO); the record\'s key.',
    description: 'A port of entry (口岸), keyed by its official UN/LOCODE.',
    fields: [
      { name: 'kind', type: 'PortKind!', description: 'Seaport, river port, airport or land port.' },
      { name: 'nameZh', type: 'String!', interfaceType: 'String', description: 'The Chinese name; null for a foreign port.' },
      { name: 'nameEn', type: 'String!', description: 'The English name.' },
      { name: 'city', type: 'String!', description: 'The city it serves.' },
      { name: 'customsDistrict', type: 'String', description: 'The customs district, code and name (3100 Ningbo).' },
      { name: 'openingStatus', type: 'OpeningStatus!', interfaceType: 'OpeningStatus', description: 'Whether it is open to foreign trade; null for a foreign port.' },
      { name: 'clearance24x7', type: 'Boolean!', interfaceType: 'Boolean', description: 'Whether it clears around the clock; null for a foreign port.' },
      { name: 'clearanceOnHolidays', type: 'Boolean!', interfaceType: 'Boolean', description: 'Whether it clears on public holidays; null for a foreign port.' },
      { name: 'eportConnection', type: 'EportConnection!', interfaceType: 'EportConnection', description: 'How far it is connected to the electronic port; null for a foreign port.' },
      { name: 'iata', type: 'String', description: 'The IATA code of an airport.' },
      { name: 'icao', type: 'String', description: 'The ICAO code of an airport.' },
      { name: 'commercialAlias', type: 'String', description: 'The code carriers still write for it (CNSHA for the seaport), when it differs from the official one.' },
      { name: 'parentCode', type: 'ID', description: 'The UN/LOCODE of the port this port area belongs to; null for a port that is not a port area.' },
      { name: 'retiredOn', type: 'Date', description: 'The day it was retired; null while in service.' },
      { name: 'retiredReason', type: 'String', description: 'Why it was retired; null while in service.' },
      { name: 'importClearanceHours', type: 'Float', description: 'Average import clearance, in hours, in the latest month customs recorded (clearancePeriod); null before any.' },
      { name: 'exportClearanceHours', type: 'Float', description: 'Average export clearance, in hours, in the latest month customs recorded (clearancePeriod); null before any.' },
      { name: 'clearancePeriod', type: 'YearMonth', description: 'The month the clearance hours are from.' },
      { name: 'terminals', type: 'TerminalConnection!', args: `(${doc('Retired terminals too.')} includeRetired: Boolean = false, ${PAGE_ARGS})`, description: 'Its terminals, by id.' },
      { name: 'routes', type: 'RouteConnection!', args: `(${PAGE_ARGS})`, description: 'The routes that start here, by id.' },
      { name: 'latestCapacity', type: '[CapacityRecord!]!', description: 'The latest recorded month of each agency: at most one per agency.' },
      ...provenance,
      ...audit,
    ],
  },
  Terminal: {
    kind: 'Terminal', key: 'id', keyDescription: 'The terminal\'s id, such as CNBLG-P4-3.',
    description: 'A terminal (码头) with its berths and its opening workflow.',
    fields: [
      { name: 'port', type: 'Port!', description: 'The port (or port area) it is in.' },
      { name: 'nameZh', type: 'String', description: 'The Chinese name; null where the office has not given one.' },
      { name: 'nameEn', type: 'String!', description: 'The English name.' },
      { name: 'operator', type: 'String!', description: 'The company that operates it.' },
      { name: 'cargoClasses', type: '[CargoClass!]!', description: 'The cargo classes it handles: at most one of each.' },
      { name: 'berths', type: 'Int!', description: 'How many berths it has.' },
      { name: 'designCapacity', type: 'Float!', description: 'Design capacity a year, in capacityUnit.' },
      { name: 'capacityUnit', type: 'CapacityUnit!', description: 'The unit of designCapacity.' },
      { name: 'stage', type: 'TerminalStage!', description: 'The stage of its opening workflow it has reached.' },
      { name: 'steps', type: '[TerminalStep!]!', description: 'The dated steps of its opening workflow, first first: at most 50.' },
      { name: 'retiredOn', type: 'Date', description: 'The day it was retired; null while in service.' },
      { name: 'retiredReason', type: 'String', description: 'Why it was retired; null while in service.' },
      ...ownProvenance,
      ...audit.map((f) => ({ ...f, interfaceType: undefined })),
    ],
  },
  CapacityRecord: {
    kind: 'CapacityRecord', key: 'id', keyDescription: 'The record\'s id: <port>:<agency>:<month>, such as CNNBO:CUSTOMS:2024-12.',
    description: 'One month of clearance capacity of a port and an agency.',
    fields: [
      { name: 'port', type: 'Port!', description: 'The port it is recorded for.' },
      { name: 'agency', type: 'Agency!', description: 'The agency that recorded it.' },
      { name: 'period', type: 'YearMonth!', description: 'The month.' },
      { name: 'throughputTeu', type: 'Float', description: 'Container throughput in the month, in TEU.' },
      { name: 'throughputTonnes', type: 'Float', description: 'Cargo throughput in the month, in tonnes.' },
      { name: 'flights', type: 'Int', description: 'Flights in the month.' },
      { name: 'passengers', type: 'Int', description: 'Passengers in the month.' },
      { name: 'importClearanceHours', type: 'Float', description: 'Average import clearance in the month, in hours.' },
      { name: 'exportClearanceHours', type: 'Float', description: 'Average export clearance in the month, in hours.' },
      { name: 'clearance24x7', type: 'Boolean!', description: 'Whether the agency cleared around the clock that month.' },
      ...ownProvenance,
      ...audit.map((f) => ({ ...f, interfaceType: undefined })),
    ],
  },
  Route: {
    kind: 'Route', key: 'id', keyDescription: 'The route\'s id.',
    description: 'A shipping or air route from one of the province\'s ports.',
    fields: [
      { name: 'mode', type: 'RouteMode!', description: 'By sea or by air.' },
      { name: 'carrier', type: 'String!', description: 'The shipping line or airline.' },
      { name: 'origin', type: 'Port!', description: 'The port it starts from, in the route\'s province.' },
      { name: 'destination', type: 'Port', description: 'The port it calls at: another province\'s, or a foreign one; null only when that province could not be reached.' },
      { name: 'weeklyFrequency', type: 'Float!', description: 'Sailings or flights a week.' },
      { name: 'status', type: 'RouteStatus!', description: 'Whether it operates.' },
      { name: 'openedOn', type: 'Date', description: 'When it opened; null while planned.' },
      ...ownProvenance,
      ...audit.map((f) => ({ ...f, interfaceType: undefined })),
    ],
  },
  Initiative: {
    kind: 'Initiative', key: 'id', keyDescription: 'The initiative\'s id, such as ZJ-2006-EPORT.',
    description: 'A joint initiative of the big-clearance (大通关) mechanism, kept by its lead province.',
    fields: [
      { name: 'title', type: 'String!', description: 'What it sets out to do, in English.' },
      { name: 'titleZh', type: 'String', description: 'The Chinese title; null where the lead has not given one.' },
      { name: 'description', type: 'String', description: 'What it is about; null where the lead has not described it.' },
      { name: 'category', type: 'InitiativeCategory!', description: 'What it is about.' },
      { name: 'lead', type: 'Province!', description: 'The province that leads it and keeps its record.' },
      { name: 'partners', type: '[Province!]!', description: 'The provinces it names as partners: at most 10.' },
      { name: 'status', type: 'InitiativeStatus!', description: 'Where it stands.' },
      { name: 'statusReason', type: 'String', description: 'Why it was cancelled; null unless CANCELLED.' },
      { name: 'startOn', type: 'Date!', description: 'When it started.' },
      { name: 'milestones', type: '[Milestone!]!', description: 'Its milestones in order: at most 50.' },
      { name: 'commitments', type: '[Commitment!]', description: 'The partners\' commitments made so far, in partner order: at most one per partner. Null, with an error naming it, when a partner could not be asked.' },
      { name: 'pendingPartners', type: '[Province!]', description: 'The partners that have not committed yet, in partner order: at most one per partner. Null, with an error naming it, when a partner could not be asked.' },
      ...ownProvenance,
      ...audit.map((f) => ({ ...f, interfaceType: undefined })),
    ],
  },
  Commitment: {
    kind: 'Commitment', key: 'id', keyDescription: 'The commitment\'s id: <LEAD>:<initiative>:<PARTNER>, such as ZHEJIANG:ZJ-2006-EPORT:SHANGHAI.',
    description: 'A partner province\'s commitment to another province\'s joint initiative, kept by the partner.',
    fields: [
      { name: 'initiative', type: 'Initiative', description: 'The initiative; null only when its lead province could not be reached.' },
      { name: 'summary', type: 'String!', description: 'What the partner commits to do.' },
      { name: 'responsibleUnit', type: 'String!', description: 'The unit responsible (责任单位), by name.' },
      { name: 'due', type: 'Date', description: 'When it is due; null for no date.' },
      { name: 'status', type: 'CommitmentStatus!', description: 'Where it stands.' },
      ...ownProvenance,
      ...audit.map((f) => ({ ...f, interfaceType: undefined })),
    ],
  },
};

/** Kinds that a province references in another province, and so declares resolvable:false stubs for. */
export const CROSS_REFERENCED_KINDS: readonly EntityKind[] = ['Port', 'Initiative', 'Commitment'];
