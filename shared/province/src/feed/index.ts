export { ChangeFeed, type ChangeFeedOptions } from './ChangeFeed';
export { feedSchema } from './feedSchema';
