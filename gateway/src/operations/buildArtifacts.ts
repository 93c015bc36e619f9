import { apiSchemaOf, buildManifest, type PersistedManifest } from '@yrd/service';
import { composeSupergraph } from '../supergraph/composeSupergraph';
import type { SubgraphDefinition } from '../supergraph/subgraphDefinitions';
import { checkOperations, describeBroken } from './checkOperations';
import type { OperationFile } from './operationFiles';

/**
 * What the build makes of the subgraphs and the operations clients use: the supergraph, and the persisted operations'
 * manifest once each operation is valid against it. Throws on a composition error, or naming each operation (and the
 * field) a subgraph change would break.
 */
export function buildArtifacts(definitions: readonly SubgraphDefinition[], operations: readonly OperationFile[]): { supergraph: string; manifest: PersistedManifest } {
  const supergraph = composeSupergraph(definitions);
  const broken = checkOperations(apiSchemaOf(supergraph), operations);
  if (broken.length) throw new Error(describeBroken(broken));
  return { supergraph, manifest: buildManifest(operations) };
}
