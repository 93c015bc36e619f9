import type { FetchLog } from '../cache/keepWholeAnswers';

/** Per request: the caller's identity headers, passed on to every subgraph fetch. */
export interface GatewayContext {
  readonly forward: Readonly<Record<string, string>>;
  /** When the caller's token expires (ms since the epoch): a subscription ends then. */
  readonly expiresAt?: number;
  /**
   * What the caller may read, from its verified token: role, province and scopes (not who it is). Answers kept for
   * one reader are served to another only if this is the same.
   */
  readonly readScope?: string;
  /** Filled by the fetches of a query over HTTP, for its whole answer. */
  readonly fetchLog?: FetchLog;
  // graphql-sse types its operation context as a record.
  readonly [key: PropertyKey]: unknown;
}
