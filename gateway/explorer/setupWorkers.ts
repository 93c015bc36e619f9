// Monaco asks for its workers by label; they are bundled beside main.js, so nothing loads from elsewhere.
// Imported before anything that loads monaco-editor.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    const file = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
    return new Worker(new URL(file, new URL('./', import.meta.url)));
  },
};
export {};
