import { z } from 'zod';
import { capacityRecordInput, routeInput, seedCommitment, seedInitiative, seedPort, seedTerminal } from '../subgraph/writes/inputSchemas';
import { recordId } from '../validation';

/** A province's seed: what its office publishes on first start. Checked by the same rules as the mutations. */
export const seedData = z.strictObject({
  ports: z.array(seedPort),
  terminals: z.array(seedTerminal).default([]),
  capacity: z.array(capacityRecordInput).default([]),
  routes: z.array(routeInput.and(z.object({ id: recordId }))).default([]),
  initiatives: z.array(seedInitiative).default([]),
  commitments: z.array(seedCommitment).default([]),
});

export type SeedData = z.infer<typeof seedData>;
