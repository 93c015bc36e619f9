export type { FeedEvent } from './FeedEvent';
export { CHANGE_POSITIONS_EXTENSION, canonicalRegionalCursor, decodeRegionalCursor, encodeRegionalCursor, positionIn, type Positions } from './regionalCursor';
