import type { PlatformService } from './platform';

/** The one image every service runs (docker/Dockerfile); each picks its service by its command. */
export const IMAGE = 'yrd-port-clearance:latest';
export const MARIADB_IMAGE = 'mariadb:11.4';
export const MARIADB_PORT = 3306;

/** The probes' paths (useHealth): live when the process answers, ready when its database or subgraphs are. */
export const HEALTH = { live: '/health/live', ready: '/health/ready' } as const;

/**
 * The path that says whether a service should take traffic. The gateway's /health/ready needs every subgraph, for
 * operators; a balancer that took the gateway out whenever one province is down would turn a partial answer into
 * none, so it asks /health/live (the gateway listens only once its supergraph is loaded).
 */
export const trafficReadyPath = (service: PlatformService): string => (service.kind === 'gateway' ? HEALTH.live : HEALTH.ready);

/** Where the token keys are mounted; every service verifies with the public sets, only webhooks signs. */
export const KEYS_DIR = '/run/keys';
export const KEY_FILES = { jwks: 'jwks.json', webhooksJwks: 'webhooks-jwks.json', webhooksPrivate: 'webhooks-private.pem' } as const;

/** The `<SERVICE>_URL` variable that tells a caller where a service answers (ZHEJIANG_URL, REGION_URL, GATEWAY_URL). */
export const urlVariable = (name: string): string => `${name.toUpperCase()}_URL`;

/** The URL of `service` inside the platform's network, where its name is its host. */
export const serviceUrl = (service: PlatformService): string => `http://${service.name}:${service.port}/graphql`;

/**
 * A service's environment, but for its database: the same in compose and Kubernetes. Each gets the URLs of the
 * services it calls and no others.
 */
export function serviceEnvironment(service: PlatformService, byName: (name: string) => PlatformService): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '0.0.0.0',
    PORT: String(service.port),
    JWT_JWKS_FILE: `${KEYS_DIR}/${KEY_FILES.jwks}`,
    WEBHOOK_TOKEN_JWKS_FILE: `${KEYS_DIR}/${KEY_FILES.webhooksJwks}`,
    ...(service.signsDelegatedTokens ? { WEBHOOK_TOKEN_PRIVATE_KEY_FILE: `${KEYS_DIR}/${KEY_FILES.webhooksPrivate}` } : {}),
    ...Object.fromEntries(service.calls.map((name) => [urlVariable(name), serviceUrl(byName(name))])),
  };
}
