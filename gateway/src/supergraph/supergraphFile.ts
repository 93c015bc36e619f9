import { join } from 'node:path';

/** Where the build writes the composed supergraph: gateway/supergraph.graphql (from src/ or dist/ alike). */
export const SUPERGRAPH_FILE = join(__dirname, '..', '..', 'supergraph.graphql');
