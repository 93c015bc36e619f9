import type DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { PushDown } from './mergePushDowns';

export interface RegionContext {
  /** The caller's identity headers, passed on to the provinces. */
  readonly forward: Record<string, string>;
  /** Provinces that did not answer in this request: sent beside the data, which is partial. */
  readonly problems: GraphQLError[];
  /** This request's push-downs by province, each batch sent as one request (ProvinceClient). */
  readonly pushDowns: Map<string, DataLoader<PushDown, unknown>>;
}

/** A fresh context for one operation (or one subscription) with the caller's identity headers. */
export const regionContext = (forward: Record<string, string>): RegionContext => ({ forward, problems: [], pushDowns: new Map() });
