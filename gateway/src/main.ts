#!/usr/bin/env node
import { GATEWAY_DEFAULT_PORT, ProvinceRegistry, loadAuthenticator, loadEnvironment, runService } from '@yrd/shared';
import { createGateway } from './createGateway';
import { gatewayLimitsFromEnv } from './gatewayEnvironment';
import { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
import { SUPERGRAPH_FILE } from './supergraph/supergraphFile';

const env = loadEnvironment();
const limits = gatewayLimitsFromEnv();
runService('gateway', async () => {
  const { server } = createGateway({
    supergraphFile: process.env.SUPERGRAPH_FILE ?? SUPERGRAPH_FILE,
    subgraphUrls: subgraphUrlsFromEnv(),
    authenticator: loadAuthenticator(env.DATA_DIR, new ProvinceRegistry().codes),
    introspection: env.INTROSPECTION,
    limits,
    maxBodyBytes: limits.maxBodyBytes,
  });
  await server.start();
  return { url: await server.listen(env.PORT ?? GATEWAY_DEFAULT_PORT, env.HOST), stop: () => server.stop() };
});
