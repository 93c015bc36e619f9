import { Secret } from 'kubernetes-models/v1';
import type { Platform, PlatformService } from '../platform';
import { KEY_FILES } from '../runtime';
import { NAME_LABEL, NAMESPACE, PART_OF, PART_OF_LABEL, databaseName } from './labels';

/** The public key sets every service verifies tokens with. */
export const TOKEN_JWKS_SECRET = 'token-jwks';
/** The webhooks' read-only delegation key, mounted into the webhooks service alone. */
export const DELEGATION_KEY_SECRET = 'webhooks-token-key';
/** A database's Secret: the service user's password, and root's (for the database alone). */
export const databaseSecretName = (service: PlatformService): string => databaseName(service);
export const DB_PASSWORD_KEY = 'password';
export const DB_ROOT_PASSWORD_KEY = 'root-password';

const secret = (name: string, keys: readonly string[]) => new Secret({
  metadata: { name, namespace: NAMESPACE, labels: { [NAME_LABEL]: name, [PART_OF_LABEL]: PART_OF } },
  type: 'Opaque',
  // No value is committed: each is created in the cluster (kubectl create secret, see the file's header).
  stringData: Object.fromEntries(keys.map((k) => [k, ''])),
});

export function secrets(platform: Platform): Secret[] {
  return [
    secret(TOKEN_JWKS_SECRET, [KEY_FILES.jwks, KEY_FILES.webhooksJwks]),
    secret(DELEGATION_KEY_SECRET, [KEY_FILES.webhooksPrivate]),
    ...platform.services.filter((s) => s.database).map((s) => secret(databaseSecretName(s), [DB_PASSWORD_KEY, DB_ROOT_PASSWORD_KEY])),
  ];
}

/**
 * The commands that create the Secrets with real values. Once, before the databases first start: a database takes its
 * passwords when it initialises its volume, so a new password later is set in MariaDB as well.
 */
export function secretCommands(platform: Platform): string[] {
  const apply = '--dry-run=client -o yaml | kubectl apply -f -';
  const owners = platform.services.filter((s) => s.database).map((s) => s.name);
  return [
    `kubectl -n ${NAMESPACE} create secret generic ${TOKEN_JWKS_SECRET} --from-file=docker/keys/${KEY_FILES.jwks} --from-file=docker/keys/${KEY_FILES.webhooksJwks} ${apply}`,
    `kubectl -n ${NAMESPACE} create secret generic ${DELEGATION_KEY_SECRET} --from-file=docker/keys/${KEY_FILES.webhooksPrivate} ${apply}`,
    `for db in ${owners.join(' ')}; do kubectl -n ${NAMESPACE} create secret generic $db-db --from-literal=${DB_PASSWORD_KEY}=$(openssl rand -hex 24) --from-literal=${DB_ROOT_PASSWORD_KEY}=$(openssl rand -hex 24) ${apply}; done`,
  ];
}
