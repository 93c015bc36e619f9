import type { Actor } from '../domain';
import type { ProvinceLoaders } from './ProvinceLoaders';

/** What every resolver of a province subgraph gets: who is calling, and this request's loaders. */
export interface ProvinceContext {
  readonly actor: Actor;
  /** The caller's token, for the calls a write makes to other provinces on the caller's behalf. */
  readonly authorization?: string;
  readonly loaders: ProvinceLoaders;
}
