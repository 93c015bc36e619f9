import type { GraphQLError } from 'graphql';

export interface RegionContext {
  /** The caller's identity headers, passed on to the provinces. */
  readonly forward: Record<string, string>;
  /** Provinces that did not answer in this request: sent beside the data, which is partial. */
  readonly problems: GraphQLError[];
}
