export {
  MANIFEST_FORMAT, buildManifest, documentId, persistedOperations, readManifest, type PersistedManifest, type PersistedOperation,
} from './persistedManifest';
