export type { FeedEvent } from './FeedEvent';
export { canonicalRegionalCursor, decodeRegionalCursor, encodeRegionalCursor, type Positions } from './regionalCursor';
