import request from 'supertest';
import { createGateway, SUPERGRAPH_FILE } from '@yrd/gateway';
import { ProvinceRegistry, PROVINCE_SERVICES } from '@yrd/shared';
import { createRegionSubgraph } from '@yrd/subgraph-region';
import { startTestProvince, type GqlResponse, type TestProvince } from './startTestProvince';
import { testDatabase } from './testDatabase';

export interface TestStack {
  readonly provinces: Record<string, TestProvince>;
  /** Sends one operation through the gateway. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse>;
  /** Stops one province's subgraph (its port closes: the gateway and region see it down). */
  stopProvince(province: string): Promise<void>;
  stop(): Promise<void>;
}

/** The whole platform in this process, every server on loopback port 0: three provinces, region, gateway. */
export async function startStack(options: { provinceTimeoutMs?: number } = {}): Promise<TestStack> {
  const registry = new ProvinceRegistry();
  const db = testDatabase();
  const provinces: Record<string, TestProvince> = {};
  const stopped = new Set<string>();
  for (const service of PROVINCE_SERVICES) provinces[service.code] = await startTestProvince(service.code, { db });
  const region = createRegionSubgraph({
    registry,
    endpoints: PROVINCE_SERVICES.map((s) => ({ province: s.code, url: provinces[s.code].url })),
    provinceTimeoutMs: options.provinceTimeoutMs,
  });
  await region.server.start();
  const regionUrl = await region.server.listen(0);
  const gateway = createGateway({
    supergraphFile: SUPERGRAPH_FILE,
    subgraphUrls: {
      region: regionUrl,
      ...Object.fromEntries(PROVINCE_SERVICES.map((s) => [registry.names(s.code).field, provinces[s.code].url])),
    },
  });
  await gateway.server.start();
  const agent = request(gateway.server.httpServer);
  return {
    provinces,
    async gql(query, variables, headers = {}) {
      const res = await agent.post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
      return { status: res.status, ...(res.body as Omit<GqlResponse, 'status'>) };
    },
    async stopProvince(province) {
      stopped.add(province);
      await provinces[province].stop();
    },
    async stop() {
      await gateway.server.stop();
      await region.server.stop();
      for (const [code, p] of Object.entries(provinces)) if (!stopped.has(code)) await p.stop();
      await db.drop(PROVINCE_SERVICES.map((s) => s.code));
    },
  };
}
