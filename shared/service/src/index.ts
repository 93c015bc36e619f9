export * from './server';
export * from './subscriptions';
export * from './auth';
export * from './limits';
export * from './observability';
export * from './http';
export * from './cli';
