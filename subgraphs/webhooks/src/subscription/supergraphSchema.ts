import { readFileSync, statSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { apiSchemaOf } from '@yrd/service';

/**
 * The API schema of the supergraph the gateway serves, from its composed file (SUPERGRAPH_FILE): webhooks are checked
 * against what a live subscription would be. Read again when the file changes, as the gateway reloads it.
 */
export class SupergraphSchema {
  private loaded: { mtimeMs: number; size: number; schema: GraphQLSchema } | null = null;

  constructor(private readonly file: string) {}

  get schema(): GraphQLSchema {
    const { mtimeMs, size } = statSync(this.file);
    if (!this.loaded || this.loaded.mtimeMs !== mtimeMs || this.loaded.size !== size) {
      this.loaded = { mtimeMs, size, schema: apiSchemaOf(readFileSync(this.file, 'utf8')) };
    }
    return this.loaded.schema;
  }
}
