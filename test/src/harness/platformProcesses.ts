import { join } from 'node:path';
import { GATEWAY_NODE_ARGS, provinceServices, ProvinceRegistry } from '@yrd/domain';
import { freePort, startChildService, type ChildService } from './childService';
import { REPO_ROOT } from './startTestProvince';
import type { TestDatabase } from './testDatabase';

type DatabasePlace = Pick<TestDatabase, 'dataDir' | 'databaseUrl' | 'databasePrefix'>;

const databaseEnv = (db: DatabasePlace): Record<string, string> => ({
  DATA_DIR: db.dataDir, DATABASE_PREFIX: db.databasePrefix, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
});

/** A province run as its own process (shared/province/dist/bin/province.js), so that a test can kill -9 it and restart it. */
export interface ProvinceProcess {
  readonly port: number;
  readonly url: string;
  /** The running process's id (undefined while it is down). */
  readonly pid: number | undefined;
  kill(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** SIGSTOP: it keeps its connections but answers nothing (a subgraph far too slow); resume() lets it go on. */
  pause(): void;
  resume(): void;
}

export async function startProvinceProcess(province: string, db: DatabasePlace, options: {
  seedFile?: string;
  /** <PROVINCE>_URL of the other provinces. */
  peers?: Record<string, string>;
  port?: number;
} = {}): Promise<ProvinceProcess> {
  const port = options.port ?? await freePort();
  const env = { PORT: String(port), ...databaseEnv(db), ...(options.seedFile ? { SEED_FILE: options.seedFile } : {}), ...options.peers };
  const start = () => startChildService(join(REPO_ROOT, 'shared/province/dist/bin/province.js'),
    [join(REPO_ROOT, 'subgraphs', province.toLowerCase())], env);
  let child: ChildService | null = await start();
  return {
    port, url: child.url,
    get pid() { return child?.process.pid; },
    async kill() {
      await child?.kill();
      child = null;
    },
    async restart() {
      await child?.stop();
      child = await start();
    },
    pause: () => { child?.process.kill('SIGSTOP'); },
    resume: () => { child?.process.kill('SIGCONT'); },
  };
}


/**
 * The webhooks service as its own process (subgraphs/webhooks/dist/main.js): the subgraph and its delivery worker,
 * on the test's database, delivering to loopback receivers. `env` adds GATEWAY_URL, REGION_URL, retry settings, ...
 */
export async function startWebhooksProcess(db: DatabasePlace, env: Record<string, string>): Promise<ChildService> {
  return startChildService(join(REPO_ROOT, 'subgraphs/webhooks/dist/main.js'), [], {
    PORT: String(await freePort()), ...databaseEnv(db), WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', ...env,
  });
}

export interface PlatformProcesses {
  readonly gatewayUrl: string;
  readonly regionUrl: string;
  readonly webhooksUrl: string;
  readonly provinces: Record<string, ProvinceProcess>;
  stop(): Promise<void>;
}

/** The whole platform as separate processes on loopback (as npm start runs it), for benchmarks and fault tests. */
export async function startPlatformProcesses(db: DatabasePlace, options: { seedDir?: string } = {}): Promise<PlatformProcesses> {
  const registry = new ProvinceRegistry();
  const provinces: Record<string, ProvinceProcess> = {};
  const children: ChildService[] = [];
  try {
    const ports = Object.fromEntries(await Promise.all(provinceServices().map(async (s) => [s.code, await freePort()] as const)));
    const provinceUrls = Object.fromEntries(provinceServices().map((s) => [`${s.code}_URL`, `http://127.0.0.1:${ports[s.code]}/graphql`]));
    await Promise.all(provinceServices().map(async (s) => {
      provinces[s.code] = await startProvinceProcess(s.code, db, {
        port: ports[s.code], peers: provinceUrls,
        seedFile: options.seedDir && join(options.seedDir, `${s.code.toLowerCase()}.seed.json`),
      });
    }));
    const region = await startChildService(join(REPO_ROOT, 'subgraphs/region/dist/main.js'), [],
      { ...provinceUrls, PORT: String(await freePort()) });
    children.push(region);
    const gatewayPort = await freePort();
    const webhooks = await startWebhooksProcess(db, { GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`, REGION_URL: region.url });
    children.push(webhooks);
    const gateway = await startChildService(join(REPO_ROOT, 'gateway/dist/main.js'), [], {
      ...Object.fromEntries(provinceServices().map((s) => [`${registry.names(s.code).field.toUpperCase()}_URL`, provinces[s.code].url])),
      REGION_URL: region.url, WEBHOOKS_URL: webhooks.url, PORT: String(gatewayPort),
    }, undefined, GATEWAY_NODE_ARGS);
    children.push(gateway);
    return {
      gatewayUrl: gateway.url, regionUrl: region.url, webhooksUrl: webhooks.url, provinces,
      async stop() {
        for (const c of children.reverse()) await c.stop();
        await Promise.all(Object.values(provinces).map((p) => p.kill()));
      },
    };
  } catch (error) {
    for (const c of children) await c.kill();
    await Promise.all(Object.values(provinces).map((p) => p.kill()));
    throw error;
  }
}
