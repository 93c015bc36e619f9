import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvinceRegistry, provinceConfigSchema, provinceEndpoints } from '@yrd/domain';
import { Authenticator, authConfigFrom, type AuthConfig, type RateLimit, type SharedCounters } from '@yrd/service';
import { databaseConfigFor, openDatabase, type Database } from '../db';
import type { ChangeFeedOptions } from '../feed';
import type { PeerUrl } from './PeerProvinces';
import { loadSeed } from '../seed';
import { createProvinceSubgraph, type ProvinceSubgraph } from './createProvinceSubgraph';

export interface ProvinceFolder {
  readonly code: string;
  readonly office: { nameZh: string; nameEn: string };
  seed: unknown;
}

/** Reads a province folder: province.json (its configuration) and seed.json (its seed data). */
export function readProvinceFolder(folder: string): ProvinceFolder {
  const config = provinceConfigSchema.parse(JSON.parse(readFileSync(join(folder, 'province.json'), 'utf8')));
  const seed: unknown = JSON.parse(readFileSync(join(folder, 'seed.json'), 'utf8'));
  return { ...config, seed };
}

const peersFromEnvironment = (registry: ProvinceRegistry): PeerUrl => {
  const urls = new Map(provinceEndpoints(registry).map((e) => [e.province, e.url]));
  return (province) => urls.get(province);
};

export interface RunningProvince {
  readonly subgraph: ProvinceSubgraph;
  readonly database: Database;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Opens (and on first start creates and seeds) a province's database and serves its subgraph.
 * `seed` overrides the folder's seed, for synthetic data.
 */
export async function startProvince(options: {
  folder: ProvinceFolder;
  dataDir: string;
  databaseUrl?: string;
  databasePrefix?: string;
  port?: number;
  host?: string;
  registry?: ProvinceRegistry;
  feed?: ChangeFeedOptions;
  /** Default: from the environment (JWT_SECRET, JWT_JWKS_FILE, or the development secret under dataDir). */
  auth?: AuthConfig;
  /** Default true. */
  introspection?: boolean;
  /** Default: <PROVINCE>_URL for each other province, else its default port on loopback. */
  peers?: PeerUrl;
  /** Operations per subject; default SUBGRAPH_RATE_LIMIT, null off. */
  rateLimit?: RateLimit | null;
  /** Where the rate counts; default memory (REDIS_URL: Redis, shared by the replicas). */
  counters?: SharedCounters;
}): Promise<RunningProvince> {
  const { folder } = options;
  const registry = options.registry ?? new ProvinceRegistry();
  const service = registry.provinces.find((s) => s.code === folder.code);
  if (!service) throw new Error(`province ${folder.code} is not among the province folders (${registry.codes.join(', ')})`);
  const authenticator = new Authenticator(options.auth ?? authConfigFrom(process.env, options.dataDir), registry.codes);
  const database = await openDatabase(databaseConfigFor(folder.code, options));
  try {
    await loadSeed(database.dataSource, folder.code, registry, folder.seed);
    const subgraph = createProvinceSubgraph({
      province: folder.code, registry, database, authenticator, feed: options.feed, introspection: options.introspection,
      rateLimit: options.rateLimit, counters: options.counters,
      peers: options.peers ?? peersFromEnvironment(registry),
    });
    await subgraph.feed.start();
    await subgraph.server.start();
    const url = await subgraph.server.listen(options.port ?? service.defaultPort, options.host);
    return {
      subgraph, database, url,
      stop: async () => {
        await subgraph.server.stop();
        subgraph.feed.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
