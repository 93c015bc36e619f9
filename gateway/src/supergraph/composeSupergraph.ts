import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphDefinition } from './subgraphDefinitions';

export class CompositionError extends Error {}

/** Composes the supergraph from the subgraphs' SDL; every composition error is listed in the thrown message. */
export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.typeDefs) })));
  if (result.errors) {
    throw new CompositionError(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
