/**
 * The service list: every province that runs a subgraph. Adding a province (Anhui, say) is one line here plus a
 * folder under subgraphs/ with its configuration and seed data; no other code branches on a province.
 */
export interface ProvinceService {
  /** Upper-case code used in the Province enum and in tokens: ZHEJIANG. */
  readonly code: string;
  /** ISO 3166-2:CN subdivision used by UN/LOCODE: ZJ. */
  readonly subdivision: string;
  /** Port its subgraph listens on by default. */
  readonly defaultPort: number;
}

export const PROVINCE_SERVICES: readonly ProvinceService[] = [
  { code: 'ZHEJIANG', subdivision: 'ZJ', defaultPort: 4002 },
  { code: 'SHANGHAI', subdivision: 'SH', defaultPort: 4003 },
  { code: 'JIANGSU', subdivision: 'JS', defaultPort: 4004 },
];

export const REGION_DEFAULT_PORT = 4001;
export const GATEWAY_DEFAULT_PORT = 4000;
export const WEBHOOKS_DEFAULT_PORT = 4010;
