#!/usr/bin/env node
import {
  ProvinceRegistry, REGION_DEFAULT_PORT, loadAuthenticator, loadEnvironment, provinceEndpoints, runService,
} from '@yrd/shared';
import { createRegionSubgraph } from './createRegionSubgraph';

const env = loadEnvironment();
runService('region', async () => {
  const registry = new ProvinceRegistry();
  const authenticator = loadAuthenticator(env.DATA_DIR, registry.codes);
  const { server } = createRegionSubgraph({ registry, endpoints: provinceEndpoints(registry), authenticator,
    introspection: env.INTROSPECTION,
  });
  await server.start();
  return { url: await server.listen(env.PORT ?? REGION_DEFAULT_PORT, env.HOST), stop: () => server.stop() };
});
