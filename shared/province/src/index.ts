export * from './db';
export * from './seed';
export * from './subgraph';
export * from './feed';
