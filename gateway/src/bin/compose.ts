#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ProvinceRegistry } from '@yrd/domain';
import { commandLine } from '@yrd/service';
import { PERSISTED_OPERATIONS_FILE, buildArtifacts, readOperationFiles } from '../operations';
import { SUPERGRAPH_FILE } from '../supergraph/supergraphFile';
import { subgraphDefinitions } from '../supergraph/subgraphDefinitions';

/**
 * Build step: composes the supergraph from the subgraphs' SDL, checks every operation clients use (gateway/operations)
 * against it, and writes both the supergraph and the persisted operations' manifest. A composition error, or a
 * subgraph change that would break an operation, fails the build naming it.
 */
commandLine(`usage: node gateway/dist/bin/compose.js

Composes the supergraph from the subgraphs' SDL and writes it to ${SUPERGRAPH_FILE}; validates every operation of
gateway/operations against it and writes their manifest to ${PERSISTED_OPERATIONS_FILE}. Fails on a composition
error or an operation the new supergraph would break.`, {});
try {
  const operations = readOperationFiles();
  const { supergraph, manifest } = buildArtifacts(subgraphDefinitions(new ProvinceRegistry()), operations);
  writeFileSync(SUPERGRAPH_FILE, supergraph);
  mkdirSync(dirname(PERSISTED_OPERATIONS_FILE), { recursive: true });
  writeFileSync(PERSISTED_OPERATIONS_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${SUPERGRAPH_FILE}, and ${PERSISTED_OPERATIONS_FILE} (${operations.length} operations, each valid against it)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
