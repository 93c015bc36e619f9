export { ChangeFeed, type ChangeFeedOptions, type FeedEvent } from './ChangeFeed';
export { feedSchema } from './feedSchema';
export { decodeRegionalCursor, encodeRegionalCursor, type Positions } from './regionalCursor';
