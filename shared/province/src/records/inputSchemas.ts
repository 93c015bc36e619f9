import { z } from 'zod';
import {
  AGENCIES, CAPACITY_UNITS, CARGO_CLASSES, COMMITMENT_STATUSES, EPORT_CONNECTIONS, INITIATIVE_CATEGORIES, INITIATIVE_STATUSES,
  OPENING_STATUSES, PORT_KINDS, ROUTE_MODES, ROUTE_STATUSES, TERMINAL_STAGES, amount, count, hours, iata, icao, isoDate, locode,
  period, recordId, text, today,
} from '@yrd/domain';

/** The most milestones an initiative may have, as the schema states. */
export const MAX_MILESTONES = 50;

/** Optional in an update: absent or null leaves the stored value alone. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const thisYear = () => new Date().getUTCFullYear();

export const sourceInput = z.strictObject({
  publisher: text(200),
  title: text(300),
  year: z.number().int('must be a whole number').min(1949, 'must be 1949 or later')
    .refine((y) => y <= thisYear(), 'must not be after this year'),
});

/** Where a record's figures come from: an estimate says how it was derived, a published figure does not. */
export const provenanceShape = <S extends z.ZodType>(source: S) => z.strictObject({
  source: source.nullish(),
  asOf: isoDate.refine((d) => d <= today(), 'must not be after today'),
  estimated: z.boolean().nullish().transform((v) => v ?? false),
  estimateBasis: text(500).nullish(),
}).refine((p) => !p.estimated || p.estimateBasis, { path: ['estimateBasis'], message: 'must say how the estimated values were derived' })
  .refine((p) => p.estimated || !p.estimateBasis, { path: ['estimateBasis'], message: 'is only for estimated values (set estimated: true)' });

export const provenanceInput = provenanceShape(sourceInput);
export type ProvenanceInput = z.infer<typeof provenanceInput>;

export const portUpdateInput = z.strictObject({
  nameZh: opt(text(100)),
  nameEn: opt(text(100)),
  city: opt(text(60)),
  customsDistrict: opt(text(40)),
  openingStatus: opt(z.enum(OPENING_STATUSES)),
  clearance24x7: opt(z.boolean()),
  clearanceOnHolidays: opt(z.boolean()),
  eportConnection: opt(z.enum(EPORT_CONNECTIONS)),
  iata: opt(iata),
  icao: opt(icao),
  commercialAlias: opt(locode),
  provenance: opt(provenanceInput),
});

export const portRegistration = z.strictObject({
  code: locode,
  kind: z.enum(PORT_KINDS),
  nameZh: text(100),
  nameEn: text(100),
  city: text(60),
  customsDistrict: text(40).nullish(),
  parentCode: locode.nullish(),
  openingStatus: z.enum(OPENING_STATUSES).default('UNDER_PREPARATION'),
  iata: iata.nullish(),
  icao: icao.nullish(),
  commercialAlias: locode.nullish(),
  provenance: provenanceInput.nullish(),
});

const terminalFields = {
  nameZh: text(120),
  nameEn: text(120),
  operator: text(120),
  cargoClasses: z.array(z.enum(CARGO_CLASSES)).min(1, 'must name at least one cargo class')
    .refine((c) => new Set(c).size === c.length, 'must not repeat a cargo class'),
  berths: count(1000),
  designCapacity: amount(1e11),
  capacityUnit: z.enum(CAPACITY_UNITS),
};

export const terminalRegistration = z.strictObject({
  id: recordId.nullish(),
  portCode: locode,
  ...terminalFields,
  preparationOn: isoDate,
  provenance: provenanceInput.nullish(),
});

export const terminalUpdate = z.strictObject({
  id: recordId,
  input: z.strictObject({
    nameZh: opt(terminalFields.nameZh), nameEn: opt(terminalFields.nameEn), operator: opt(terminalFields.operator),
    cargoClasses: opt(terminalFields.cargoClasses), berths: opt(terminalFields.berths),
    designCapacity: opt(terminalFields.designCapacity), capacityUnit: opt(terminalFields.capacityUnit),
    provenance: opt(provenanceInput),
  }),
});

export const retirement = z.strictObject({ on: isoDate, reason: text(500) });

export const capacityRecordFields = z.strictObject({
  portCode: locode,
  agency: z.enum(AGENCIES),
  period,
  throughputTeu: amount(1e9).nullish(),
  throughputTonnes: amount(1e11).nullish(),
  flights: count(10_000_000).nullish(),
  passengers: count(1_000_000_000).nullish(),
  importClearanceHours: hours.nullish(),
  exportClearanceHours: hours.nullish(),
  clearance24x7: z.boolean(),
  provenance: provenanceInput.nullish(),
});

/** The rule of a capacity record beyond its fields' own. */
export const capacityRecordRule = <T extends z.ZodType<{ agency: string; period: string }>>(schema: T) =>
  schema.refine((r) => r.agency !== 'INSPECTION_QUARANTINE' || r.period < '2018-05', {
    path: ['agency'], message: 'INSPECTION_QUARANTINE merged into CUSTOMS on 2018-04-20; use CUSTOMS for later months',
  });

export const capacityRecordInput = capacityRecordRule(capacityRecordFields);

export const routeFields = z.strictObject({
  id: recordId.nullish(),
  mode: z.enum(ROUTE_MODES),
  carrier: text(100),
  originPortCode: locode,
  destinationPortCode: locode,
  weeklyFrequency: z.number().finite().min(0, 'must be at least 0').max(1000, 'must be at most 1000 a week'),
  status: z.enum(ROUTE_STATUSES),
  openedOn: isoDate.nullish(),
  provenance: provenanceInput.nullish(),
});

/** The rule of a route beyond its fields' own. */
export const routeRule = <T extends z.ZodType<{ originPortCode: string; destinationPortCode: string }>>(schema: T) =>
  schema.refine((r) => r.originPortCode !== r.destinationPortCode, {
    path: ['destinationPortCode'], message: 'must differ from originPortCode',
  });

export const routeInput = routeRule(routeFields);

export const terminalAdvance = z.strictObject({
  terminalId: recordId,
  stage: z.enum(TERMINAL_STAGES),
  on: isoDate,
  note: text(500).nullish(),
});

const milestone = z.strictObject({ title: text(200), due: isoDate, responsibleUnit: text(120) });

export const initiativeInput = z.strictObject({
  id: recordId.nullish(),
  title: text(200),
  titleZh: text(200).nullish(),
  description: text(2000).nullish(),
  category: z.enum(INITIATIVE_CATEGORIES),
  partners: z.array(z.string()).min(1, 'must name at least one partner province').max(10)
    .refine((p) => new Set(p).size === p.length, 'must not repeat a province'),
  startOn: isoDate,
  milestones: z.array(milestone).max(MAX_MILESTONES, `must be at most ${MAX_MILESTONES} milestones`),
  provenance: provenanceInput.nullish(),
});

export const initiativeUpdate = z.strictObject({
  initiativeId: recordId,
  input: z.strictObject({
    title: opt(text(200)), titleZh: opt(text(200)), description: opt(text(2000)), category: opt(z.enum(INITIATIVE_CATEGORIES)),
    provenance: opt(provenanceInput),
  }),
});

export const milestoneCompletion = z.strictObject({ initiativeId: recordId, seq: count(1000), doneOn: isoDate });


export const milestoneAddition = z.strictObject({ initiativeId: recordId, input: milestone });

export const milestoneRescheduling = z.strictObject({ initiativeId: recordId, seq: count(1000), due: isoDate, reason: text(500) });

export const initiativeCancellation = z.strictObject({ initiativeId: recordId, reason: text(500) });

export const partnerChange = z.strictObject({
  initiativeId: recordId,
  partners: z.array(z.string()).min(1, 'must name at least one partner province').max(10)
    .refine((p) => new Set(p).size === p.length, 'must not repeat a province'),
});

export const commitmentRelease = z.strictObject({ initiativeId: recordId, lead: z.string() });

export const commitmentWithdrawal = z.strictObject({ initiativeId: recordId, lead: z.string(), reason: text(500) });

export const commitmentInput = z.strictObject({
  initiativeId: recordId,
  lead: z.string(),
  summary: text(500),
  responsibleUnit: text(120),
  due: isoDate.nullish(),
  status: z.enum(COMMITMENT_STATUSES),
  provenance: provenanceInput.nullish(),
});

/** Seed records use the same rules as the mutations, plus the fields only a seed sets. */
export const seedPort = portRegistration.safeExtend({
  openingStatus: z.enum(OPENING_STATUSES),
  clearance24x7: z.boolean(),
  clearanceOnHolidays: z.boolean(),
  eportConnection: z.enum(EPORT_CONNECTIONS),
});

export const seedTerminal = z.strictObject({
  id: recordId,
  portCode: locode,
  name: text(120),
  operator: text(120),
  cargoClasses: z.array(z.enum(CARGO_CLASSES)).min(1),
  berths: count(1000),
  designCapacity: amount(1e11),
  capacityUnit: z.enum(CAPACITY_UNITS),
  steps: z.array(z.strictObject({ stage: z.enum(TERMINAL_STAGES), on: isoDate, note: text(500).nullish() })).min(1),
});

export const seedInitiative = initiativeInput.safeExtend({
  id: recordId,
  status: z.enum(INITIATIVE_STATUSES),
  milestones: z.array(z.strictObject({
    title: text(200), due: isoDate, responsibleUnit: text(120), doneOn: isoDate.nullish(),
    /** A historical item known to be done whose day is not public: doneOn is its due date. */
    doneOnEstimated: z.boolean().default(false),
  }).refine((m) => !m.doneOnEstimated || m.doneOn, { path: ['doneOnEstimated'], message: 'needs doneOn' })),
});

export const seedCommitment = commitmentInput;
