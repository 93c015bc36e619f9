import type { EntityKind } from '../domain';

/**
 * One field of a province-split entity. Fields that hold other entities use the interface types (Port, not
 * ZhejiangPort): an @external field in another province's stub must have exactly the owner's type. Fields served
 * across a subgraph boundary are nullable, so that one province being down leaves the others' data standing.
 */
export interface EntityField {
  readonly name: string;
  readonly type: string;
  readonly args?: string;
  readonly description?: string;
}

export interface EntitySpec {
  readonly kind: EntityKind;
  readonly key: 'code' | 'id';
  readonly description: string;
  readonly fields: readonly EntityField[];
}

const audit: EntityField[] = [
  { name: 'version', type: 'Int', description: 'Incremented by every change; send it back as expectedVersion.' },
  { name: 'updatedAt', type: 'DateTime' },
];

export const ENTITY_SPECS: Record<EntityKind, EntitySpec> = {
  Port: {
    kind: 'Port', key: 'code', description: 'A port of entry (口岸), keyed by its official UN/LOCODE.',
    fields: [
      { name: 'kind', type: 'PortKind' },
      { name: 'nameZh', type: 'String' },
      { name: 'nameEn', type: 'String' },
      { name: 'city', type: 'String' },
      { name: 'customsDistrict', type: 'String' },
      { name: 'openingStatus', type: 'OpeningStatus' },
      { name: 'clearance24x7', type: 'Boolean' },
      { name: 'clearanceOnHolidays', type: 'Boolean' },
      { name: 'eportConnection', type: 'EportConnection' },
      { name: 'iata', type: 'String' },
      { name: 'icao', type: 'String' },
      { name: 'commercialAlias', type: 'String', description: 'The code carriers still write (CNSHA for the seaport).' },
      { name: 'parentCode', type: 'String', description: 'The port this port area belongs to.' },
      { name: 'importClearanceHours', type: 'Float', description: 'Average import clearance, latest customs month.' },
      { name: 'exportClearanceHours', type: 'Float', description: 'Average export clearance, latest customs month.' },
      { name: 'clearancePeriod', type: 'String', description: 'The month (YYYY-MM) the clearance hours are from.' },
      { name: 'terminals', type: '[Terminal!]' },
      { name: 'routes', type: '[Route!]', description: 'Routes that start here.' },
      { name: 'latestCapacity', type: '[CapacityRecord!]', description: 'The latest month of each agency.' },
      ...audit,
    ],
  },
  Terminal: {
    kind: 'Terminal', key: 'id', description: 'A terminal (码头) with its berths and its opening workflow.',
    fields: [
      { name: 'port', type: 'Port' },
      { name: 'name', type: 'String' },
      { name: 'operator', type: 'String' },
      { name: 'cargoClasses', type: '[CargoClass!]' },
      { name: 'berths', type: 'Int' },
      { name: 'designCapacity', type: 'Float' },
      { name: 'capacityUnit', type: 'CapacityUnit' },
      { name: 'stage', type: 'TerminalStage' },
      { name: 'steps', type: '[TerminalStep!]' },
      ...audit,
    ],
  },
  CapacityRecord: {
    kind: 'CapacityRecord', key: 'id', description: 'One month of clearance capacity of a port and an agency.',
    fields: [
      { name: 'port', type: 'Port' },
      { name: 'agency', type: 'Agency' },
      { name: 'period', type: 'String', description: 'YYYY-MM.' },
      { name: 'throughputTeu', type: 'Float' },
      { name: 'throughputTonnes', type: 'Float' },
      { name: 'flights', type: 'Int' },
      { name: 'passengers', type: 'Int' },
      { name: 'avgImportHours', type: 'Float' },
      { name: 'avgExportHours', type: 'Float' },
      { name: 'clearance24x7', type: 'Boolean' },
      ...audit,
    ],
  },
  Route: {
    kind: 'Route', key: 'id', description: 'A shipping or air route from one of the province\'s ports.',
    fields: [
      { name: 'mode', type: 'RouteMode' },
      { name: 'carrier', type: 'String' },
      { name: 'origin', type: 'Port' },
      { name: 'destination', type: 'Port', description: 'Any port: another province\'s, or a foreign one.' },
      { name: 'weeklyFrequency', type: 'Float' },
      { name: 'status', type: 'RouteStatus' },
      { name: 'openedOn', type: 'Date' },
      ...audit,
    ],
  },
  Initiative: {
    kind: 'Initiative', key: 'id', description: 'A joint initiative of the big-clearance mechanism, kept by its lead.',
    fields: [
      { name: 'title', type: 'String' },
      { name: 'category', type: 'InitiativeCategory' },
      { name: 'lead', type: 'Province' },
      { name: 'partners', type: '[Province!]' },
      { name: 'status', type: 'InitiativeStatus' },
      { name: 'startOn', type: 'Date' },
      { name: 'milestones', type: '[Milestone!]' },
      { name: 'commitments', type: '[Commitment]', description: 'One per partner, in partner order; fields other than id are null until that partner commits.' },
      ...audit,
    ],
  },
  Commitment: {
    kind: 'Commitment', key: 'id', description: 'A partner\'s commitment to an initiative, id `<initiative>:<PARTNER>`.',
    fields: [
      { name: 'initiative', type: 'Initiative' },
      { name: 'summary', type: 'String' },
      { name: 'responsibleAgency', type: 'String' },
      { name: 'due', type: 'Date' },
      { name: 'status', type: 'CommitmentStatus' },
      ...audit,
    ],
  },
};

/** Kinds that a province references in another province, and so declares resolvable:false stubs for. */
export const CROSS_REFERENCED_KINDS: readonly EntityKind[] = ['Port', 'Initiative', 'Commitment'];
