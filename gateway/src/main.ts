#!/usr/bin/env node
import {
  GATEWAY_DEFAULT_PORT, ProvinceRegistry, isProduction, loadAuthenticator, loadEnvironment, runService,
} from '@yrd/shared';
import { createGateway } from './createGateway';
import { gatewayLimitsFromEnv } from './gatewayEnvironment';
import { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
import { SUPERGRAPH_FILE } from './supergraph/supergraphFile';

const env = loadEnvironment();
const limits = gatewayLimitsFromEnv();
runService('gateway', async () => {
  const authenticator = loadAuthenticator(env.DATA_DIR, new ProvinceRegistry().codes);
  const { server } = createGateway({
    supergraphFile: process.env.SUPERGRAPH_FILE ?? SUPERGRAPH_FILE,
    subgraphUrls: subgraphUrlsFromEnv(),
    authenticator,
    // Only where the platform runs on its embedded default (development key, not production) does the explorer
    // open with a token; anywhere else the analyst brings one.
    explorerToken: authenticator.development && !isProduction()
      ? () => authenticator.issue({ subject: 'explorer', role: 'analyst', expiresIn: '12h' }) : undefined,
    introspection: env.INTROSPECTION,
    limits,
    maxBodyBytes: limits.maxBodyBytes,
  });
  await server.start();
  return { url: await server.listen(env.PORT ?? GATEWAY_DEFAULT_PORT, env.HOST), stop: () => server.stop() };
});
