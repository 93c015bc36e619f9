import type { ProvinceRegistry } from './ProvinceRegistry';

/** Where one province's subgraph answers. */
export interface ProvinceEndpoint {
  readonly province: string;
  readonly url: string;
}

/** Each province's subgraph URL: `<PROVINCE>_URL` (ZHEJIANG_URL, ...), else its default port on loopback. */
export function provinceEndpoints(registry: ProvinceRegistry, env: NodeJS.ProcessEnv = process.env): ProvinceEndpoint[] {
  return registry.provinces.map((p) => {
    const url = env[`${p.code}_URL`] ?? `http://127.0.0.1:${p.defaultPort}/graphql`;
    if (!/^https?:\/\//.test(url)) throw new Error(`${p.code}_URL must be an http(s) URL, got ${url}`);
    return { province: p.code, url };
  });
}
