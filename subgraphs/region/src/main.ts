#!/usr/bin/env node
import { ProvinceRegistry, REGION_DEFAULT_PORT, provinceEndpoints } from '@yrd/domain';
import { commandLine, limitsFromEnv, loadAuthenticator, loadEnvironment, runService, startTracing } from '@yrd/service';
import { createRegionSubgraph } from './createRegionSubgraph';

commandLine(`usage: node subgraphs/region/dist/main.js

Serves the region subgraph on PORT (default ${REGION_DEFAULT_PORT}): the cross-province lists, aggregates and merged
change feeds, asking the provinces at ZHEJIANG_URL, SHANGHAI_URL, ...`, {});
const env = loadEnvironment();
const limits = limitsFromEnv();
startTracing('region');
runService('region', async () => {
  const registry = new ProvinceRegistry();
  const authenticator = loadAuthenticator(env.DATA_DIR, registry.codes);
  const { server } = createRegionSubgraph({ registry, endpoints: provinceEndpoints(registry), authenticator,
    introspection: env.INTROSPECTION, rateLimit: limits.subgraphRate, counters: limits.counters(),
  });
  await server.start();
  return { url: await server.listen(env.PORT ?? REGION_DEFAULT_PORT, env.HOST), stop: () => server.stop() };
});
