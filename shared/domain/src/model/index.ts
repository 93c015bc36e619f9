export * from './enums';
export * from './Actor';
