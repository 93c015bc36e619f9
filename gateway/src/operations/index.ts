export { OPERATIONS_DIR, PERSISTED_OPERATIONS_FILE, readOperationFiles, type OperationFile } from './operationFiles';
export { checkOperations, describeBroken, type BrokenOperation } from './checkOperations';
export { buildArtifacts } from './buildArtifacts';
