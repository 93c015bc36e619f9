import request from 'supertest';
import { createGateway, SUPERGRAPH_FILE, type Gateway, type GatewayOptions } from '@yrd/gateway';
import { provinceServices, ProvinceRegistry } from '@yrd/domain';
import { loadAuthenticator, type RateLimit } from '@yrd/service';
import { databaseConfigFor, type Database } from '@yrd/storage';
import { createRegionSubgraph, type RegionSubgraph } from '@yrd/subgraph-region';
import { allowedHostsFrom, createWebhooksSubgraph, openWebhooksDatabase, type OutboundPolicy, type WebhooksSubgraph } from '@yrd/subgraph-webhooks';
import { startProvinceProcess, type ProvinceProcess } from './platformProcesses';
import { eventually } from './subscriber';
import { startTestProvince, type GqlResponse, type TestProvince } from './startTestProvince';
import { testDatabase, type TestDatabase } from './testDatabase';
import { analyst } from './tokens';

export interface TestStack {
  readonly provinces: Record<string, TestProvince>;
  /** Provinces started as processes (startStack's `processes` option). */
  readonly processes: Record<string, ProvinceProcess>;
  readonly region: RegionSubgraph;
  /** The webhooks subgraph (serving only: tests start their delivery workers themselves) and its database. */
  readonly webhooks: WebhooksSubgraph & { readonly url: string; readonly database: Database };
  /** Where the provinces and the webhooks keep their data. */
  readonly database: TestDatabase;
  readonly regionUrl: string;
  readonly gateway: Gateway;
  /** ws://.../graphql of the gateway, listening on loopback. */
  readonly gatewayWsUrl: string;
  readonly gatewayUrl: string;
  /** Sends one operation through the gateway. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse>;
  /** Stops the region subgraph and starts a new one on the same port (its connections close, as in a redeploy). */
  restartRegion(): Promise<void>;
  /** Starts a stopped province again on its port, over the same database. */
  startProvinceAgain(province: string): Promise<void>;
  /** Stops one province's subgraph (its port closes: the gateway and region see it down). */
  stopProvince(province: string): Promise<void>;
  stop(): Promise<void>;
}

/** The whole platform in this process, every server on loopback port 0: three provinces, region, gateway. */
export async function startStack(options: {
  provinceTimeoutMs?: number;
  processes?: readonly string[];
  /** Where the `processes` keep their data, if not with the others (a test's own database server, say). */
  processDatabase?: Pick<TestDatabase, 'dataDir' | 'databaseUrl' | 'databasePrefix'>;
  /** Gateway settings over the defaults (limits, body size). */
  gateway?: Pick<GatewayOptions, 'limits' | 'maxBodyBytes' | 'introspection' | 'subgraphPolicy' | 'counters' | 'persistedOperations' | 'cache'>;
  /** Each province's own rate per subject (default SUBGRAPH_RATE_LIMIT, null off). */
  provinceRateLimit?: RateLimit | null;
  /** Where webhooks may be registered; default loopback allowed (the tests' receivers), not production. */
  webhooksOutbound?: OutboundPolicy;
} = {}): Promise<TestStack> {
  const registry = new ProvinceRegistry();
  const db = testDatabase();
  const provinces: Record<string, TestProvince> = {};
  const processes: Record<string, ProvinceProcess> = {};
  const stopped = new Set<string>();
  const urlOf = (code: string) => (processes[code] ?? provinces[code])?.url;
  // In-process provinces first: the processes are told their URLs (the in-process ones look theirs up when asked).
  for (const service of provinceServices()) {
    if (!options.processes?.includes(service.code)) {
      provinces[service.code] = await startTestProvince(service.code, { db, peers: urlOf, rateLimit: options.provinceRateLimit });
    }
  }
  for (const code of options.processes ?? []) {
    processes[code] = await startProvinceProcess(code, options.processDatabase ?? db, {
      peers: Object.fromEntries(Object.entries(provinces).map(([p, running]) => [`${p}_URL`, running.url])),
    });
  }
  const authenticator = loadAuthenticator(db.dataDir, registry.codes);
  const startRegion = async (port: number) => {
    const created = createRegionSubgraph({
      registry, authenticator,
      endpoints: provinceServices().map((s) => ({ province: s.code, url: urlOf(s.code) })),
      provinceTimeoutMs: options.provinceTimeoutMs,
    });
    await created.server.start();
    return { region: created, url: await created.server.listen(port) };
  };
  const first = await startRegion(0);
  let region = first.region;
  const regionUrl = first.url;
  const webhooksDatabase = await openWebhooksDatabase(databaseConfigFor('webhooks', db));
  const webhooks = createWebhooksSubgraph({
    database: webhooksDatabase, authenticator, supergraphFile: SUPERGRAPH_FILE, startCursor: regionUrl, provinces: registry.codes,
    outbound: options.webhooksOutbound ?? { production: false, allowedHosts: allowedHostsFrom('127.0.0.1') }, worker: null,
  });
  await webhooks.server.start();
  const webhooksUrl = await webhooks.server.listen(0);
  const gateway = createGateway({
    ...options.gateway,
    supergraphFile: SUPERGRAPH_FILE, authenticator,
    subgraphUrls: {
      region: regionUrl, webhooks: webhooksUrl,
      ...Object.fromEntries(provinceServices().map((s) => [registry.names(s.code).field, urlOf(s.code)])),
    },
  });
  await gateway.server.start();
  const gatewayUrl = await gateway.server.listen(0);
  // Settled before any test: the fetch cache following the change feed, and the region following each province's
  // for it (its start asks every head and opens every province's feed: statements a test counting its own would see).
  if (options.gateway?.cache !== false) {
    await eventually(() => gateway.cache.serving && Object.values(provinces).every((p) => p.subgraph.feed.openSubscriptions > 0),
      10_000, 'the gateway\'s fetch cache following the change feed');
  }
  const agent = request(gateway.server.httpServer);
  return {
    provinces, processes, gateway, gatewayUrl, regionUrl, database: db,
    webhooks: { ...webhooks, url: webhooksUrl, database: webhooksDatabase },
    get region() { return region; },
    async restartRegion() {
      await region.server.stop();
      ({ region } = await startRegion(Number(new URL(regionUrl).port)));
    }, gatewayWsUrl: gatewayUrl.replace(/^http/, 'ws'),
    async gql(query, variables, headers = analyst) {
      // The specification's own media type, as current clients ask for it: request errors keep their 4xx status.
      const res = await agent.post('/graphql').set('content-type', 'application/json').set('accept', 'application/graphql-response+json')
        .set(headers).send({ query, variables });
      return { status: res.status, ...(res.body as Omit<GqlResponse, 'status'>) };
    },
    async stopProvince(province) {
      stopped.add(province);
      await provinces[province].stop();
    },
    async startProvinceAgain(province) {
      const port = Number(new URL(provinces[province].url).port);
      provinces[province] = await startTestProvince(province, { db, peers: urlOf, port, rateLimit: options.provinceRateLimit });
      stopped.delete(province);
    },
    async stop() {
      await gateway.server.stop();
      await region.server.stop();
      await webhooks.server.stop();
      await webhooksDatabase.close();
      for (const [code, p] of Object.entries(provinces)) if (!stopped.has(code)) await p.stop();
      for (const p of Object.values(processes)) await p.kill();
      await db.drop([...provinceServices().map((s) => s.code), 'webhooks']);
    },
  };
}
