#!/usr/bin/env node
import { ProvinceRegistry, loadEnvironment, REGION_DEFAULT_PORT } from '@yrd/shared';
import { createRegionSubgraph } from './createRegionSubgraph';
import { provinceEndpoints } from './provinceEndpoints';

async function main() {
  const env = loadEnvironment();
  const registry = new ProvinceRegistry();
  const region = createRegionSubgraph({ registry, endpoints: provinceEndpoints(registry) });
  await region.server.start();
  const url = await region.server.listen(env.PORT ?? REGION_DEFAULT_PORT, env.HOST);
  console.log(JSON.stringify({ level: 'info', service: 'region', msg: 'ready', url }));
  const stop = () => region.server.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'region', msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
