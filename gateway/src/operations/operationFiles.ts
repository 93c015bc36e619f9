import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { persistedOperations, type PersistedOperation } from '@yrd/service';

/** gateway/operations: the explorer's saved operations, the dashboard's, and those agreed with partner systems. */
export const OPERATIONS_DIR = join(__dirname, '..', '..', 'operations');

/** Where the build writes the persisted operations' manifest (from src/ or dist/ alike). */
export const PERSISTED_OPERATIONS_FILE = join(__dirname, '..', '..', 'dist', 'persisted-operations.json');

export interface OperationFile extends PersistedOperation {
  /** Its file, from gateway/operations: partners/ChangesSince.graphql. */
  readonly file: string;
}

/** Every operation of the .graphql files under `dir`, in path order, each as its manifest entry. */
export function readOperationFiles(dir: string = OPERATIONS_DIR): OperationFile[] {
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    .filter((f) => f.endsWith('.graphql')).sort();
  return files.flatMap((file) => {
    const shown = relative(dir, join(dir, file));
    // Its folder names the client it is for: a partner in require mode runs only partners/.
    const clientName = shown.split(/[\\/]/)[0];
    return persistedOperations(readFileSync(join(dir, file), 'utf8'), shown).map((operation) => ({ ...operation, clientName, file: shown }));
  });
}
