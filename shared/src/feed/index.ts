export { ChangeFeed, type ChangeFeedOptions, type FeedEvent } from './ChangeFeed';
export { feedSchema } from './feedSchema';
