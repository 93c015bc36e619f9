/** Per request: the caller's identity headers, passed on to every subgraph fetch. */
export interface GatewayContext {
  readonly forward: Readonly<Record<string, string>>;
  /** When the caller's token expires (ms since the epoch): a subscription ends then. */
  readonly expiresAt?: number;
  // graphql-sse types its operation context as a record.
  readonly [key: PropertyKey]: unknown;
}
