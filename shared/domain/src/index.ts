export * from './model';
export * from './errors';
export * from './validation';
export * from './provinces';
export * from './schema';
export * from './paging';
export * from './feed';
export * from './figures';
