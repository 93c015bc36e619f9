export { commandLine, usageError } from './commandLine';
