import { REGION_DEFAULT_PORT, WEBHOOKS_DEFAULT_PORT, provinceTypeDefs, webhookTypeDefs, type ProvinceRegistry } from '@yrd/domain';
import { regionTypeDefs } from '@yrd/subgraph-region';

export interface SubgraphDefinition {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: string;
}

/** Every subgraph of the service list with its SDL (generated, no service needed) and its default URL. */
export function subgraphDefinitions(registry: ProvinceRegistry): SubgraphDefinition[] {
  return [
    { name: 'region', url: `http://127.0.0.1:${REGION_DEFAULT_PORT}/graphql`, typeDefs: regionTypeDefs(registry) },
    ...registry.provinces.map((p) => ({
      name: p.names.field, url: `http://127.0.0.1:${p.defaultPort}/graphql`, typeDefs: provinceTypeDefs(p.code, registry),
    })),
    { name: 'webhooks', url: `http://127.0.0.1:${WEBHOOKS_DEFAULT_PORT}/graphql`, typeDefs: webhookTypeDefs() },
  ];
}
