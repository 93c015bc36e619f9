import type { ProvinceRegistry } from '@yrd/domain';
import { platformModel, serviceNamed, servicesWithDatabases, type Platform, type PlatformService } from './platform';
import { IMAGE, KEY_FILES, KEYS_DIR, MARIADB_IMAGE, MARIADB_PORT, serviceEnvironment, trafficReadyPath } from './runtime';
import { GENERATED_NOTICE, commentDocument, commentKey, flowSequences, renderYaml, spaceEntries, wrap, yamlDocument } from './yamlText';

export const COMPOSE_FILE = 'docker-compose.yml';

const READY = { interval: '10s', timeout: '3s', retries: 3, start_period: '20s' };

/** Compose's own check that a variable is set: the file refuses to start without it. */
const required = (variable: string) => `\${${variable}:?set ${variable}}`;

const keyVolumes = (service: PlatformService): string[] => [
  KEY_FILES.jwks, KEY_FILES.webhooksJwks, ...(service.signsDelegatedTokens ? [KEY_FILES.webhooksPrivate] : []),
].map((file) => `./keys/${file}:${KEYS_DIR}/${file}:ro`);

const healthcheck = (service: PlatformService) => ({
  test: ['CMD', 'node', '-e',
    `fetch('http://127.0.0.1:${service.port}${trafficReadyPath(service)}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`],
  ...READY,
});

// The provinces wait for their migrations, the webhooks service (which migrates itself) for MariaDB, the gateway for
// every service it calls to be healthy.
function dependsOn(service: PlatformService): Record<string, { condition: string }> {
  if (service.kind === 'gateway') {
    return Object.fromEntries(service.calls.map((name) => [name, { condition: 'service_healthy' }]));
  }
  if (service.database?.migratedOnStart) return { mariadb: { condition: 'service_healthy' } };
  return { migrate: { condition: 'service_completed_successfully' } };
}

function composeService(platform: Platform, service: PlatformService) {
  const byName = (name: string) => serviceNamed(platform, name);
  const { database } = service;
  return {
    image: IMAGE,
    restart: 'unless-stopped',
    command: [...service.command],
    volumes: keyVolumes(service),
    environment: {
      ...serviceEnvironment(service, byName),
      ...(database ? { DATABASE_URL: `mysql://${database.name}:${required(database.passwordVariable)}@mariadb:${MARIADB_PORT}` } : {}),
    },
    ...(service.public ? { ports: [`${service.port}:${service.port}`] } : {}),
    depends_on: dependsOn(service),
    healthcheck: healthcheck(service),
  };
}

/** docker/docker-compose.yml: the whole platform on one MariaDB, one container per service. */
export function composeFile(registry: ProvinceRegistry): string {
  const platform = platformModel(registry);
  const withDatabases = servicesWithDatabases(platform);
  const passwords = ['MARIADB_ROOT_PASSWORD', ...withDatabases.map((s) => s.database.passwordVariable)];
  const doc = yamlDocument({
    version: '3.9',
    services: {
      mariadb: {
        image: MARIADB_IMAGE,
        restart: 'unless-stopped',
        environment: Object.fromEntries(passwords.map((v) => [v, required(v)])),
        volumes: ['mariadb-data:/var/lib/mysql', './mariadb-init:/docker-entrypoint-initdb.d:ro'],
        healthcheck: { test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], ...READY },
      },
      migrate: {
        image: IMAGE,
        build: { context: '..', dockerfile: 'docker/Dockerfile' },
        command: ['node', 'shared/province/dist/bin/migrate.js'],
        environment: {
          NODE_ENV: 'production',
          DATABASE_URL: `mysql://root:${required('MARIADB_ROOT_PASSWORD')}@mariadb:${MARIADB_PORT}`,
        },
        restart: 'no',
        depends_on: { mariadb: { condition: 'service_healthy' } },
      },
      ...Object.fromEntries(platform.services.map((s) => [s.name, composeService(platform, s)])),
    },
    volumes: { 'mariadb-data': null },
  });
  commentDocument(doc, [
    ...GENERATED_NOTICE,
    '',
    'The whole platform on MariaDB: docker-compose -f docker/docker-compose.yml up --build',
    ...wrap(`Needs, in the environment or in docker/.env: ${passwords.join(', ')} (MariaDB's root, for the migrations,
      and each service's own database user); and the token keys in docker/keys/ (node shared/service/dist/bin/keys.js
      docker/keys, and again with --prefix webhooks-): every service verifies with the public jwks.json and
      webhooks-jwks.json; none holds private.pem; only the webhooks service holds webhooks-private.pem, whose tokens
      every service reads as read-only. Each service is given the URLs of the services it calls, and no others.`),
  ]);
  spaceEntries(doc, []);
  spaceEntries(doc, ['services']);
  commentKey(doc, ['services', 'migrate'], 'Creates each province\'s database, brings its schema up to date and seeds an empty one, then exits.');
  commentKey(doc, ['services', 'migrate', 'environment', 'DATABASE_URL'],
    'The only service with MariaDB\'s root user: it creates the databases and brings their schemas up to date.');
  for (const s of withDatabases) {
    commentKey(doc, ['services', s.name, 'environment', 'DATABASE_URL'], `Its own database user: rights on ${s.database.name} only.${
      s.database.migratedOnStart ? ' It creates its tables on start (migrations).' : ''}`);
  }
  for (const s of platform.services.filter((p) => p.signsDelegatedTokens)) {
    commentKey(doc, ['services', s.name, 'environment', 'WEBHOOK_TOKEN_PRIVATE_KEY_FILE'],
      'The read-only delegation key: deliveries read as each endpoint\'s owner, and can issue nothing else.');
  }
  commentKey(doc, ['services', 'webhooks'],
    'Partners\' webhooks and their delivery worker (more replicas may run: each endpoint is leased to one at a time).');
  flowSequences(doc, ['command', 'test']);
  return renderYaml(doc);
}
