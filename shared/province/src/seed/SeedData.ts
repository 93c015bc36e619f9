import { z } from 'zod';
import {
  capacityRecordFields, capacityRecordRule, provenanceShape, routeFields, routeRule, seedCommitment, seedInitiative, seedPort,
  seedTerminal, sourceInput,
} from '../records/inputSchemas';
import { recordId } from '@yrd/domain';

const sourceKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a key of the seed\'s sources: lower case, digits and -');

/** A seed record's provenance: its source named by its key in the seed's sources; a figure not estimated cites one. */
const seedProvenance = provenanceShape(sourceKey)
  .refine((p) => p.estimated || p.source, { path: ['source'], message: 'must cite a source unless the values are estimated' });
const withProvenance = { provenance: seedProvenance };

/**
 * A province's seed: what its office publishes on first start, every record with its provenance. Checked by the same
 * rules as the mutations.
 */
export const seedData = z.strictObject({
  sources: z.record(sourceKey, sourceInput).default({}),
  ports: z.array(seedPort.extend(withProvenance)),
  terminals: z.array(seedTerminal.extend(withProvenance)).default([]),
  capacity: z.array(capacityRecordRule(capacityRecordFields.extend(withProvenance))).default([]),
  routes: z.array(routeRule(routeFields.extend({ id: recordId, ...withProvenance }))).default([]),
  initiatives: z.array(seedInitiative.extend(withProvenance)).default([]),
  commitments: z.array(seedCommitment.extend(withProvenance)).default([]),
});

export type SeedData = z.infer<typeof seedData>;
export type SeedProvenance = z.infer<typeof seedProvenance>;
