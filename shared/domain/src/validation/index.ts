export * from './rules';
export { parseInput } from './parseInput';
