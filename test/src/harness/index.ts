export { testDatabase, type TestDatabase } from './testDatabase';
export { startTestProvince, officeOf, partner, REPO_ROOT, type TestProvince, type GqlResponse } from './startTestProvince';
export { snapshot, changeEvents, lastEventId } from './snapshot';
export { startStack, type TestStack } from './startStack';
