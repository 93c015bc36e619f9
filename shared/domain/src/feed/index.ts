export type { FeedEvent } from './FeedEvent';
export { decodeRegionalCursor, encodeRegionalCursor, type Positions } from './regionalCursor';
