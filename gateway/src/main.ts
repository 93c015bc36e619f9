#!/usr/bin/env node
import { GATEWAY_DEFAULT_PORT, loadEnvironment } from '@yrd/shared';
import { createGateway } from './createGateway';
import { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
import { SUPERGRAPH_FILE } from './supergraph/supergraphFile';

async function main() {
  const env = loadEnvironment();
  const { server } = createGateway({
    supergraphFile: process.env.SUPERGRAPH_FILE ?? SUPERGRAPH_FILE,
    subgraphUrls: subgraphUrlsFromEnv(),
  });
  await server.start();
  const url = await server.listen(env.PORT ?? GATEWAY_DEFAULT_PORT, env.HOST);
  console.log(JSON.stringify({ level: 'info', service: 'gateway', msg: 'ready', url }));
  const stop = () => server.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'gateway', msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
