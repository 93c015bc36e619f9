import type DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { Actor, RecordsRead } from '@yrd/domain';
import type { PushDown } from './mergePushDowns';

export interface RegionContext {
  /** Who is calling, from its token. */
  readonly actor: Actor;
  /** The caller's identity headers, passed on to the provinces. */
  readonly forward: Readonly<Record<string, string>>;
  /** Provinces that did not answer in this request: sent beside the data, which is partial. */
  readonly problems: GraphQLError[];
  /** This request's push-downs by province, each batch sent as one request (ProvinceClient). */
  readonly pushDowns: Map<string, DataLoader<PushDown, unknown>>;
  /** What the provinces' answers to this request said they were read from (useRecordsRead tells the gateway). */
  readonly recordsRead: RecordsRead;
}

/** A fresh context for one operation (or one subscription) with the caller's identity and headers. */
export const regionContext = (actor: Actor, forward: Readonly<Record<string, string>>): RegionContext =>
  ({ actor, forward, problems: [], pushDowns: new Map(), recordsRead: new Map() });
