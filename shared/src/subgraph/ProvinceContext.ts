import type { Actor } from '../domain';
import type { ProvinceLoaders } from './ProvinceLoaders';

/** What every resolver of a province subgraph gets: who is calling, and this request's loaders. */
export interface ProvinceContext {
  readonly actor: Actor;
  readonly loaders: ProvinceLoaders;
}
