import { join } from 'node:path';
import request from 'supertest';
import { repositoryRoot, type RateLimit } from '@yrd/service';
import { readProvinceFolder, startProvince, type PeerUrl, type RunningProvince } from '@yrd/province';
import { testDatabase, type TestDatabase } from './testDatabase';
// Sets the tests' token key (JWT_SECRET) before any service starts.
import { analyst } from './tokens';

export const REPO_ROOT = repositoryRoot(__dirname);

export interface TestProvince extends RunningProvince {
  readonly db: TestDatabase;
  /** Sends one GraphQL operation with `headers` (default: an analyst's token) and returns the parsed response. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse>;
  /** Runs `fn` and returns how many SQL statements the province ran meanwhile. */
  countQueries(fn: () => Promise<unknown>): Promise<number>;
}

export interface GqlResponse {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}


/** Starts a province's real subgraph on loopback port 0 over a fresh database, with its folder's seed or `seed`. */
export async function startTestProvince(
  province: string,
  options: { seed?: unknown; db?: TestDatabase; peers?: PeerUrl; port?: number; rateLimit?: RateLimit | null } = {},
): Promise<TestProvince> {
  const folder = readProvinceFolder(join(REPO_ROOT, 'subgraphs', province.toLowerCase()));
  const db = options.db ?? testDatabase();
  const running = await startProvince({
    folder: options.seed ? { ...folder, seed: options.seed } : folder,
    dataDir: db.dataDir, databaseUrl: db.databaseUrl, databasePrefix: db.databasePrefix, port: options.port ?? 0,
    peers: options.peers ?? (() => undefined), rateLimit: options.rateLimit,
  });
  const agent = request(running.subgraph.server.httpServer);
  return {
    ...running,
    db,
    async gql(query, variables, headers = analyst) {
      const res = await agent.post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
      return { status: res.status, ...(res.body as Omit<GqlResponse, 'status'>) };
    },
    async countQueries(fn) {
      const before = running.database.queries.count;
      await fn();
      return running.database.queries.count - before;
    },
    async stop() {
      await running.stop();
      if (!options.db) await db.drop([province]);
    },
  };
}
