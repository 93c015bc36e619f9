import { GATEWAY_DEFAULT_PORT, GATEWAY_NODE_ARGS, REGION_DEFAULT_PORT, WEBHOOKS_DEFAULT_PORT, type ProvinceRegistry } from '@yrd/domain';

export type ServiceKind = 'gateway' | 'region' | 'webhooks' | 'province';

/** A service's own database on MariaDB, and the user of the same name that has rights on it alone. */
export interface ServiceDatabase {
  /** Database and user: yrd_zhejiang (the name databaseConfigFor gives it with the default prefix). */
  readonly name: string;
  /** Where compose and the init script find the user's password: ZHEJIANG_DB_PASSWORD. */
  readonly passwordVariable: string;
  /** The webhooks service migrates its own database when it starts; provinces are migrated by the migration step. */
  readonly migratedOnStart: boolean;
}

/** One service of the platform, as every deployment file sees it. */
export interface PlatformService {
  /** Compose service, Kubernetes Deployment and Service, and the host in the others' URLs: zhejiang. */
  readonly name: string;
  readonly kind: ServiceKind;
  /** Province code (ZHEJIANG) for a province, else null. */
  readonly province: string | null;
  readonly port: number;
  readonly command: readonly string[];
  /** The services it sends requests to, by name: their URLs are its environment, and only they may reach it. */
  readonly calls: readonly string[];
  readonly database: ServiceDatabase | null;
  /** Reachable from outside the platform (the gateway alone). */
  readonly public: boolean;
  /** Holds the webhooks' read-only delegation key (the webhooks service alone). */
  readonly signsDelegatedTokens: boolean;
}

export interface Platform {
  /** In start order: the provinces, the region, webhooks, then the gateway, which waits for them all. */
  readonly services: readonly PlatformService[];
  readonly provinces: readonly PlatformService[];
}

const database = (name: string, owner: string): ServiceDatabase => ({
  name, passwordVariable: `${owner.toUpperCase()}_DB_PASSWORD`, migratedOnStart: owner === 'webhooks',
});

/**
 * The platform from the province folders. Who calls whom is read from the code: the gateway asks every subgraph
 * (subgraphUrlsFromEnv); the region asks every province (provinceEndpoints); a province asks the others about
 * initiatives and commitments (PeerProvinces, with <PROVINCE>_URL) and nobody else; the webhook worker subscribes
 * through the gateway and asks the region for its start cursor (GATEWAY_URL, REGION_URL).
 */
export function platformModel(registry: ProvinceRegistry): Platform {
  const fields = registry.provinces.map((p) => p.names.field);
  const provinces: PlatformService[] = registry.provinces.map((p) => ({
    name: p.names.field, kind: 'province', province: p.code, port: p.defaultPort,
    command: ['node', 'shared/province/dist/bin/province.js', `subgraphs/${p.names.field}`],
    calls: fields.filter((f) => f !== p.names.field), database: database(p.names.database, p.names.field), public: false, signsDelegatedTokens: false,
  }));
  const region: PlatformService = {
    name: 'region', kind: 'region', province: null, port: REGION_DEFAULT_PORT, command: ['node', 'subgraphs/region/dist/main.js'],
    calls: fields, database: null, public: false, signsDelegatedTokens: false,
  };
  const webhooks: PlatformService = {
    name: 'webhooks', kind: 'webhooks', province: null, port: WEBHOOKS_DEFAULT_PORT, command: ['node', 'subgraphs/webhooks/dist/main.js'],
    calls: ['gateway', 'region'], database: database('yrd_webhooks', 'webhooks'), public: false, signsDelegatedTokens: true,
  };
  const gateway: PlatformService = {
    name: 'gateway', kind: 'gateway', province: null, port: GATEWAY_DEFAULT_PORT, command: ['node', ...GATEWAY_NODE_ARGS, 'gateway/dist/main.js'],
    calls: ['region', ...fields, 'webhooks'], database: null, public: true, signsDelegatedTokens: false,
  };
  return { services: [...provinces, region, webhooks, gateway], provinces };
}

/** The services that call `service`. */
export function callersOf(platform: Platform, service: PlatformService): PlatformService[] {
  return platform.services.filter((s) => s.calls.includes(service.name));
}

export function serviceNamed(platform: Platform, name: string): PlatformService {
  const found = platform.services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name} in the platform`);
  return found;
}

/** The services with a database of their own: every province and webhooks. */
export function servicesWithDatabases(platform: Platform): (PlatformService & { database: ServiceDatabase })[] {
  return platform.services.flatMap((s) => (s.database ? [{ ...s, database: s.database }] : []));
}
