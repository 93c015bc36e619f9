export { testDatabase, type TestDatabase } from './testDatabase';
export { startTestProvince, REPO_ROOT, type TestProvince, type GqlResponse } from './startTestProvince';
export { analyst, bearer, officeOf, partner, testToken } from './tokens';
export { snapshot, changeEvents, lastEventId } from './snapshot';
export { startStack, type TestStack } from './startStack';
export { subscribe, eventually, webSocketClient, type Subscriber, type Received } from './subscriber';
export { childEnv, freePort, startChildService, type ChildService } from './childService';
export { startPlatformProcesses, startProvinceProcess, type PlatformProcesses, type ProvinceProcess } from './platformProcesses';
export { hasMariadbServer, startPrivateMariadb, type PrivateMariadb } from './privateMariadb';
