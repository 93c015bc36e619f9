import { ProvinceRegistry } from '@yrd/domain';

/** Subgraph URLs from REGION_URL, ZHEJIANG_URL, ..., WEBHOOKS_URL: where they run somewhere other than the supergraph's defaults. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const names = ['region', ...new ProvinceRegistry().provinces.map((p) => p.names.field), 'webhooks'];
  return Object.fromEntries(names.flatMap((name) => {
    const url = env[`${name.toUpperCase()}_URL`];
    return url ? [[name, url]] : [];
  }));
}
