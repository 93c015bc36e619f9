import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { servicesWithDatabases, type Platform, type PlatformService } from '../platform';
import { MARIADB_IMAGE, MARIADB_PORT } from '../runtime';
import { databaseLabels, databaseName, metadata } from './labels';
import { MYSQL_UID, containerSecurity, podSecurity, scratchMounts, scratchVolumes } from './podSecurity';
import { DB_PASSWORD_KEY, DB_ROOT_PASSWORD_KEY, databaseSecretName } from './secrets';

const STORAGE = '10Gi';
// MariaDB's socket and temporary files; its data is on the volume claim.
const SCRATCH = [{ name: 'tmp', path: '/tmp' }, { name: 'run', path: '/run/mysqld' }];

const secretValue = (service: PlatformService, key: string) => ({ secretKeyRef: { name: databaseSecretName(service), key } });

/**
 * One MariaDB per service with a database: a province's records never share a server with another's. Its user is
 * the service's own (yrd_zhejiang), with rights on its database alone; root stays in the database's Secret.
 */
function statefulSet(service: PlatformService & { database: { name: string } }): StatefulSet {
  const name = databaseName(service);
  const check = (...tests: string[]) => ({ exec: { command: ['healthcheck.sh', ...tests] }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
  return new StatefulSet({
    metadata: metadata(name, databaseLabels(service)),
    spec: {
      serviceName: name,
      replicas: 1,
      selector: { matchLabels: databaseLabels(service) },
      template: {
        metadata: { labels: databaseLabels(service) },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurity(MYSQL_UID),
          containers: [{
            name: 'mariadb',
            image: MARIADB_IMAGE,
            // The binary collation openDatabase asks for: MARIADB_DATABASE is created with the server's default.
            args: ['--character-set-server=utf8mb4', '--collation-server=utf8mb4_bin'],
            ports: [{ name: 'mysql', containerPort: MARIADB_PORT, protocol: 'TCP' }],
            env: [
              { name: 'MARIADB_DATABASE', value: service.database.name },
              { name: 'MARIADB_USER', value: service.database.name },
              { name: 'MARIADB_PASSWORD', valueFrom: secretValue(service, DB_PASSWORD_KEY) },
              { name: 'MARIADB_ROOT_PASSWORD', valueFrom: secretValue(service, DB_ROOT_PASSWORD_KEY) },
            ],
            startupProbe: { ...check('--connect', '--innodb_initialized'), failureThreshold: 30 },
            livenessProbe: check('--connect'),
            readinessProbe: check('--connect', '--innodb_initialized'),
            resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
            securityContext: containerSecurity,
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }, ...scratchMounts(SCRATCH)],
          }],
          volumes: scratchVolumes(SCRATCH),
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: 'data', labels: databaseLabels(service) },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: STORAGE } } },
      }],
    },
  });
}

// Headless: the StatefulSet's own Service, and the host in the service's DATABASE_URL.
const databaseService = (service: PlatformService) => new Service({
  metadata: metadata(databaseName(service), databaseLabels(service)),
  spec: {
    clusterIP: 'None',
    selector: databaseLabels(service),
    ports: [{ name: 'mysql', port: MARIADB_PORT, targetPort: 'mysql', protocol: 'TCP' }],
  },
});

export type DatabaseObject = StatefulSet | Service;

export function databases(platform: Platform): DatabaseObject[] {
  return servicesWithDatabases(platform).flatMap((s) => [statefulSet(s), databaseService(s)]);
}
