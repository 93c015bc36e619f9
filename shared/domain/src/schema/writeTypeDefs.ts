import { doc } from './commonTypeDefs';

const VERSION = (required: boolean) => required
  ? `${doc('The version the change is based on, as read; a stale one is a CONFLICT and changes nothing.')} expectedVersion: Int!`
  : `${doc('The version the change is based on, as read: needed to change a record that exists (a stale one is a CONFLICT), omitted to create one.')} expectedVersion: Int`;
const IDEMPOTENCY = `${doc('Any 8 to 100 printable ASCII characters, unique to this change: a retry with the same key and arguments answers the first result and writes nothing again.')} idempotencyKey: String`;

const RETIREMENT = `${doc('The day it left service.')} on: Date!, ${doc('Why, at most 500 characters.')} reason: String!`;

/** The office mutations, as the ProvinceOfficeMutations interface and every province's type list them. */
export const MUTATIONS = `
  ${doc('Registers a port of this province from the UN/LOCODE directory (one its office administers), or a port area under one of its ports.')}
  registerPort(${doc('The port.')} input: RegisterPortInput!, ${IDEMPOTENCY}): RegisterPortPayload
  ${doc('Registers a terminal on one of its ports in service; its opening workflow starts at PREPARATION.')}
  registerTerminal(${doc('The terminal.')} input: RegisterTerminalInput!, ${IDEMPOTENCY}): RegisterTerminalPayload
  ${doc('Changes a terminal in service; omitted fields stay as they are.')}
  updateTerminal(${doc('The terminal\'s id.')} id: ID!, ${doc('The fields to change.')} input: TerminalUpdateInput!, ${VERSION(true)}, ${IDEMPOTENCY}): UpdateTerminalPayload
  ${doc('Retires a port with no terminal or port area in service; it stays readable and leaves the lists unless they ask for retired ports.')}
  retirePort(${doc('The port\'s UN/LOCODE.')} code: ID!, ${RETIREMENT}, ${VERSION(true)}, ${IDEMPOTENCY}): RetirePortPayload
  ${doc('Retires a terminal; it stays readable and leaves the lists unless they ask for retired terminals.')}
  retireTerminal(${doc('The terminal\'s id.')} id: ID!, ${RETIREMENT}, ${VERSION(true)}, ${IDEMPOTENCY}): RetireTerminalPayload
  ${doc('Changes the fields of one of its ports that an office may change.')}
  updatePort(${doc('The port\'s UN/LOCODE.')} code: ID!, ${doc('The fields to change; omitted fields stay as they are.')} input: PortUpdateInput!, ${VERSION(true)}, ${IDEMPOTENCY}): UpdatePortPayload
  ${doc('Records a month of clearance capacity of a port and an agency, or corrects a recorded month (with expectedVersion).')}
  recordClearanceCapacity(${doc('The month\'s figures.')} input: CapacityRecordInput!, ${VERSION(false)}, ${IDEMPOTENCY}): RecordClearanceCapacityPayload
  ${doc('Opens a route (no id, or a new one), or changes or suspends one (its id, with expectedVersion).')}
  upsertRoute(${doc('The route.')} input: RouteInput!, ${VERSION(false)}, ${IDEMPOTENCY}): UpsertRoutePayload
  ${doc('Moves a terminal to the next stage of its opening workflow.')}
  advanceTerminalOpening(${doc('The terminal\'s id.')} terminalId: ID!, ${doc('The stage reached: one that may follow the current one.')} stage: TerminalStage!, ${doc('The day it was reached: not before the previous step.')} on: Date!, ${doc('A note to keep with the step, at most 500 characters.')} note: String, ${VERSION(true)}, ${IDEMPOTENCY}): AdvanceTerminalOpeningPayload
  ${doc('Proposes a joint initiative this province leads.')}
  proposeInitiative(${doc('The initiative.')} input: InitiativeInput!, ${IDEMPOTENCY}): ProposeInitiativePayload
  ${doc('Marks a milestone of one of its initiatives done; the initiative becomes ACTIVE, or COMPLETED with its last milestone.')}
  completeMilestone(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('The milestone\'s number.')} seq: Int!, ${doc('The day it was done: not before the initiative started.')} doneOn: Date!, ${VERSION(true)}, ${IDEMPOTENCY}): CompleteMilestonePayload
  ${doc('Changes the titles, description or category of one of its open initiatives; omitted fields stay as they are.')}
  updateInitiative(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('The fields to change.')} input: InitiativeUpdateInput!, ${VERSION(true)}, ${IDEMPOTENCY}): UpdateInitiativePayload
  ${doc('Names the partners of one of its open initiatives: an added partner may then commit; a removed partner\'s live commitment is marked WITHDRAWN by its own province, which checks with this one first.')}
  setPartners(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('The partner provinces: 1 to 10, not this one, none twice, not the same list as now.')} partners: [Province!]!, ${VERSION(true)}, ${IDEMPOTENCY}): SetPartnersPayload
  ${doc('Adds a milestone at the end of one of its open initiatives.')}
  addMilestone(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('The milestone.')} input: MilestoneInput!, ${VERSION(true)}, ${IDEMPOTENCY}): AddMilestonePayload
  ${doc('Moves the due date of an open milestone; the earlier date and the reason stay in its history.')}
  rescheduleMilestone(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('The milestone\'s number.')} seq: Int!, ${doc('The new due date: not before the initiative started.')} due: Date!, ${doc('Why, at most 500 characters.')} reason: String!, ${VERSION(true)}, ${IDEMPOTENCY}): RescheduleMilestonePayload
  ${doc('Cancels one of its initiatives that is PROPOSED or ACTIVE, with the reason.')}
  cancelInitiative(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('Why, at most 500 characters.')} reason: String!, ${VERSION(true)}, ${IDEMPOTENCY}): CancelInitiativePayload
  ${doc('Withdraws this province\'s commitment to another province\'s initiative, one not yet delivered, with the reason.')}
  withdrawCommitment(${doc('The initiative\'s id.')} initiativeId: ID!, ${doc('The province that leads it.')} lead: Province!, ${doc('Why, at most 500 characters.')} reason: String!, ${VERSION(true)}, ${IDEMPOTENCY}): WithdrawCommitmentPayload
  ${doc('Commits to another province\'s initiative that names this province as a partner, or changes the commitment (with expectedVersion).')}
  commitToInitiative(${doc('The commitment.')} input: CommitmentInput!, ${VERSION(false)}, ${IDEMPOTENCY}): CommitToInitiativePayload`;

const payload = (name: string, field: string, type: string, what: string) => `${doc(`What ${name.replace(/Payload$/, '')} changed.`)}
type ${name} @shareable {
  ${doc(`The ${what}, as it is after the change.`)} ${field}: ${type}!
  ${doc('A cursor just after this change: subscribe with it as after to receive every later change, this province\'s from here and the others\' from now.')} changeCursor: String!
}`;

const SET_PARTNERS_PAYLOAD = `${doc('What setPartners changed.')}
type SetPartnersPayload @shareable {
  ${doc('The initiative, as it is after the change.')} initiative: Initiative!
  ${doc('A cursor just after this change: subscribe with it as after to receive every later change, this province\'s from here and the others\' from now.')} changeCursor: String!
  ${doc('Removed partners whose commitments could not be marked withdrawn now (their subgraph did not answer): at most 10. Repeat the call with the same idempotencyKey to try them again.')} unreleasedPartners: [Province!]!
}`;

export const PAYLOAD_TYPES = [
  SET_PARTNERS_PAYLOAD,
  payload('UpdatePortPayload', 'port', 'Port', 'port'),
  payload('RecordClearanceCapacityPayload', 'capacityRecord', 'CapacityRecord', 'capacity record'),
  payload('UpsertRoutePayload', 'route', 'Route', 'route'),
  payload('AdvanceTerminalOpeningPayload', 'terminal', 'Terminal', 'terminal'),
  payload('ProposeInitiativePayload', 'initiative', 'Initiative', 'initiative'),
  payload('CompleteMilestonePayload', 'initiative', 'Initiative', 'initiative'),
  payload('CommitToInitiativePayload', 'commitment', 'Commitment', 'commitment'),
  payload('AddMilestonePayload', 'initiative', 'Initiative', 'initiative'),
  payload('UpdateInitiativePayload', 'initiative', 'Initiative', 'initiative'),
  payload('RegisterPortPayload', 'port', 'Port', 'port'),
  payload('RegisterTerminalPayload', 'terminal', 'Terminal', 'terminal'),
  payload('UpdateTerminalPayload', 'terminal', 'Terminal', 'terminal'),
  payload('RetirePortPayload', 'port', 'Port', 'port'),
  payload('RetireTerminalPayload', 'terminal', 'Terminal', 'terminal'),
  payload('RescheduleMilestonePayload', 'initiative', 'Initiative', 'initiative'),
  payload('CancelInitiativePayload', 'initiative', 'Initiative', 'initiative'),
  payload('WithdrawCommitmentPayload', 'commitment', 'Commitment', 'commitment'),
].join('\n');

export const WRITE_INPUTS = `
${doc('Fields of a port an office may change; omitted or null fields stay as they are.')}
input PortUpdateInput {
  ${doc('The Chinese name, at most 100 characters.')} nameZh: String
  ${doc('The English name, at most 100 characters.')} nameEn: String
  ${doc('The city, at most 60 characters.')} city: String
  ${doc('The customs district, at most 40 characters.')} customsDistrict: String
  ${doc('Whether it is open to foreign trade.')} openingStatus: OpeningStatus
  ${doc('Whether it clears around the clock.')} clearance24x7: Boolean
  ${doc('Whether it clears on public holidays.')} clearanceOnHolidays: Boolean
  ${doc('How far it is connected to the electronic port.')} eportConnection: EportConnection
  ${doc('The 3-letter IATA code of an airport.')} iata: String
  ${doc('The 4-letter ICAO code of an airport.')} icao: String
  ${doc('The code carriers write for it, a UN/LOCODE.')} commercialAlias: String
  ${doc('Where its figures come from now; omitted, it stays as it is.')} provenance: ProvenanceInput
}
${doc('A port to register: a code of this province from the UN/LOCODE directory.')}
input RegisterPortInput {
  ${doc('Its UN/LOCODE: in the directory, administered by this province, not registered yet.')} code: ID!
  ${doc('Seaport, river port, airport or land port.')} kind: PortKind!
  ${doc('The Chinese name, at most 100 characters.')} nameZh: String!
  ${doc('The English name, at most 100 characters.')} nameEn: String!
  ${doc('The city it serves, at most 60 characters.')} city: String!
  ${doc('The customs district, at most 40 characters.')} customsDistrict: String
  ${doc('For a port area: the UN/LOCODE of the port in service it belongs to.')} parentCode: ID
  ${doc('Whether it is open to foreign trade; UNDER_PREPARATION unless given.')} openingStatus: OpeningStatus = UNDER_PREPARATION
  ${doc('The 3-letter IATA code of an airport.')} iata: String
  ${doc('The 4-letter ICAO code of an airport.')} icao: String
  ${doc('The code carriers write for it, a UN/LOCODE.')} commercialAlias: String
  ${doc('Where its figures come from; omitted, the office\'s own statement as of today.')} provenance: ProvenanceInput
}
${doc('A terminal to register on one of this province\'s ports.')}
input RegisterTerminalInput {
  ${doc('Its id, starting with its port\'s code and a hyphen (CNCHS-1); omit for a generated one.')} id: ID
  ${doc('The port (or port area) it is in: one of this province\'s, in service (UN/LOCODE).')} portCode: ID!
  ${doc('The Chinese name, at most 120 characters.')} nameZh: String!
  ${doc('The English name, at most 120 characters.')} nameEn: String!
  ${doc('The company that operates it, at most 120 characters.')} operator: String!
  ${doc('The cargo classes it handles: at least one, none twice.')} cargoClasses: [CargoClass!]!
  ${doc('How many berths it has, 0 to 1000.')} berths: Int!
  ${doc('Design capacity a year, in capacityUnit, at least 0.')} designCapacity: Float!
  ${doc('The unit of designCapacity.')} capacityUnit: CapacityUnit!
  ${doc('The day its opening preparation started: the first step of its workflow.')} preparationOn: Date!
  ${doc('Where its figures come from; omitted, the office\'s own statement as of today.')} provenance: ProvenanceInput
}
${doc('Fields of a terminal an office may change; omitted or null fields stay as they are.')}
input TerminalUpdateInput {
  ${doc('The Chinese name, at most 120 characters.')} nameZh: String
  ${doc('The English name, at most 120 characters.')} nameEn: String
  ${doc('The company that operates it, at most 120 characters.')} operator: String
  ${doc('The cargo classes it handles (replacing the list): at least one, none twice.')} cargoClasses: [CargoClass!]
  ${doc('How many berths it has, 0 to 1000.')} berths: Int
  ${doc('Design capacity a year, in capacityUnit, at least 0.')} designCapacity: Float
  ${doc('The unit of designCapacity.')} capacityUnit: CapacityUnit
  ${doc('Where its figures come from now; omitted, it stays as it is.')} provenance: ProvenanceInput
}
${doc('One month of clearance capacity of a port and an agency.')}
input CapacityRecordInput {
  ${doc('The port, one of this province\'s (UN/LOCODE).')} portCode: ID!
  ${doc('The agency; INSPECTION_QUARANTINE only before 2018-05.')} agency: Agency!
  ${doc('The month.')} period: YearMonth!
  ${doc('Container throughput in the month, in TEU, at least 0.')} throughputTeu: Float
  ${doc('Cargo throughput in the month, in tonnes, at least 0.')} throughputTonnes: Float
  ${doc('Flights in the month.')} flights: Int
  ${doc('Passengers in the month.')} passengers: Int
  ${doc('Average import clearance in the month, in hours: at least 0, below a year.')} importClearanceHours: Float
  ${doc('Average export clearance in the month, in hours: at least 0, below a year.')} exportClearanceHours: Float
  ${doc('Whether the agency cleared around the clock that month.')} clearance24x7: Boolean!
  ${doc('Where its figures come from; omitted, the office\'s own statement as of today (also when restating a record).')} provenance: ProvenanceInput
}
${doc('A route from one of this province\'s ports.')}
input RouteInput {
  ${doc('The route\'s id: omit (or give a new one) to open a route, give an existing one to change it.')} id: ID
  ${doc('By sea or by air.')} mode: RouteMode!
  ${doc('The shipping line or airline, at most 100 characters.')} carrier: String!
  ${doc('The port it starts from: one of this province\'s (UN/LOCODE).')} originPortCode: ID!
  ${doc('The port it calls at: any port in the directory (UN/LOCODE), not the origin.')} destinationPortCode: ID!
  ${doc('Sailings or flights a week, 0 to 1000.')} weeklyFrequency: Float!
  ${doc('Whether it operates.')} status: RouteStatus!
  ${doc('When it opened.')} openedOn: Date
  ${doc('Where its figures come from; omitted, the office\'s own statement as of today (also when restating a record).')} provenance: ProvenanceInput
}
${doc('A milestone of a new initiative.')}
input MilestoneInput {
  ${doc('What is to be done, at most 200 characters.')} title: String!
  ${doc('When it is due: not before the initiative starts.')} due: Date!
  ${doc('The unit responsible (责任单位), by name, at most 120 characters.')} responsibleUnit: String!
}
${doc('A joint initiative this province leads.')}
input InitiativeInput {
  ${doc('Its id; omit for a generated one.')} id: ID
  ${doc('What it sets out to do, in English, at most 200 characters.')} title: String!
  ${doc('The Chinese title, at most 200 characters.')} titleZh: String
  ${doc('What it is about, at most 2000 characters.')} description: String
  ${doc('What it is about.')} category: InitiativeCategory!
  ${doc('The partner provinces: 1 to 10, not this one, none twice.')} partners: [Province!]!
  ${doc('When it starts.')} startOn: Date!
  ${doc('Its milestones in order, at most 50.')} milestones: [MilestoneInput!]!
  ${doc('Where its figures come from; omitted, the office\'s own statement as of today.')} provenance: ProvenanceInput
}
${doc('Fields of an initiative its lead may change; omitted or null fields stay as they are.')}
input InitiativeUpdateInput {
  ${doc('The English title, at most 200 characters.')} title: String
  ${doc('The Chinese title, at most 200 characters.')} titleZh: String
  ${doc('What it is about, at most 2000 characters.')} description: String
  ${doc('What kind of initiative it is.')} category: InitiativeCategory
  ${doc('Where its figures come from now; omitted, it stays as it is.')} provenance: ProvenanceInput
}
${doc('A commitment to another province\'s initiative.')}
input CommitmentInput {
  ${doc('The initiative\'s id.')} initiativeId: ID!
  ${doc('The province that leads it.')} lead: Province!
  ${doc('What this province commits to do, at most 500 characters.')} summary: String!
  ${doc('The unit responsible (责任单位), by name, at most 120 characters.')} responsibleUnit: String!
  ${doc('When it is due.')} due: Date
  ${doc('Where it stands.')} status: CommitmentStatus! = COMMITTED
  ${doc('Where its figures come from; omitted, the office\'s own statement as of today (also when restating a record).')} provenance: ProvenanceInput
}
`;
