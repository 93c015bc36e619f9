#!/usr/bin/env node
import { GATEWAY_DEFAULT_PORT, ProvinceRegistry, loadAuthenticator, loadEnvironment, runService } from '@yrd/shared';
import { createGateway } from './createGateway';
import { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
import { SUPERGRAPH_FILE } from './supergraph/supergraphFile';

const env = loadEnvironment();
runService('gateway', async () => {
  const { server } = createGateway({
    supergraphFile: process.env.SUPERGRAPH_FILE ?? SUPERGRAPH_FILE,
    subgraphUrls: subgraphUrlsFromEnv(),
    authenticator: loadAuthenticator(env.DATA_DIR, new ProvinceRegistry().codes),
  });
  await server.start();
  return { url: await server.listen(env.PORT ?? GATEWAY_DEFAULT_PORT, env.HOST), stop: () => server.stop() };
});
