#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { ProvinceRegistry } from '@yrd/domain';
import { commandLine } from '@yrd/service';
import { SUPERGRAPH_FILE } from '../supergraph/supergraphFile';
import { composeSupergraph } from '../supergraph/composeSupergraph';
import { subgraphDefinitions } from '../supergraph/subgraphDefinitions';

/** Build step: composes the supergraph from the subgraphs' SDL and writes it; a composition error fails the build. */
commandLine(`usage: node gateway/dist/bin/compose.js

Composes the supergraph from the subgraphs' SDL and writes it to ${SUPERGRAPH_FILE}; a composition error fails.`, {});
try {
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph(subgraphDefinitions(new ProvinceRegistry())));
  console.log(`wrote ${SUPERGRAPH_FILE}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
