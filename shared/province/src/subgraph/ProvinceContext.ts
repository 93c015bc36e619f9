import type DataLoader from 'dataloader';
import type { Actor, RecordsRead, WrittenChange } from '@yrd/domain';
import type { PartnerCommitment } from './commitmentsMade';
import type { ProvinceLoaders } from './ProvinceLoaders';

/** What every resolver of a province subgraph gets: who is calling, and this request's loaders. */
export interface ProvinceContext {
  readonly actor: Actor;
  /** The caller's token, for the calls a write makes to other provinces on the caller's behalf. */
  readonly authorization?: string;
  readonly loaders: ProvinceLoaders;
  /** Whether partners have made commitments to this province's initiatives, asked of them once per request. */
  readonly commitmentsMade: DataLoader<PartnerCommitment, boolean, string>;
  /** The changes this request's writes made, told to the caller (useCacheHints). */
  readonly written: WrittenChange[];
  /** What this request read of other provinces' records, as their answers said: told to the caller (useCacheHints). */
  readonly peerReads: RecordsRead;
}
