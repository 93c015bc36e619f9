import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';

/**
 * A static supergraph read from a file, reloaded when the file changes (a new build, or a deployment that writes
 * it). A file that fails to load or compose keeps the gateway on the last good supergraph.
 */
export function watchSupergraph(file: string, onError: (error: unknown) => void = () => {}): SupergraphSdlHook {
  return async ({ update }) => {
    let last = readFileSync(file, 'utf8');
    let watcher: FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
      try {
        const next = readFileSync(file, 'utf8');
        if (next !== last) {
          update(next);
          last = next;
        }
      } catch (error) {
        onError(error);
      }
    };
    // Watch the folder: an editor or a build replaces the file, which a watch on the file itself loses.
    watcher = watch(dirname(file), (_event, name) => {
      if (name !== basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 50);
    });
    return {
      supergraphSdl: last,
      cleanup: async () => {
        clearTimeout(timer);
        watcher?.close();
        watcher = undefined;
      },
    };
  };
}
