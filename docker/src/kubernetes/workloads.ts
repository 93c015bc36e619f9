import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service, type IEnvVar, type IResourceRequirements, type IVolume, type IVolumeMount } from 'kubernetes-models/v1';
import { serviceNamed, type Platform, type PlatformService } from '../platform';
import { HEALTH, IMAGE, KEY_FILES, KEYS_DIR, MARIADB_PORT, serviceEnvironment, trafficReadyPath } from '../runtime';
import { databaseName, metadata, serviceLabels } from './labels';
import { NODE_UID, SERVICE_SCRATCH, containerSecurity, podSecurity, scratchMounts, scratchVolumes } from './podSecurity';
import { DB_PASSWORD_KEY, DELEGATION_KEY_SECRET, TOKEN_JWKS_SECRET, databaseSecretName } from './secrets';

/** How far each service scales on CPU; two at least, so that a drained node leaves one serving. */
const REPLICAS = { gateway: { min: 2, max: 6 }, subgraph: { min: 2, max: 4 } } as const;
const CPU_TARGET = 70;

const RESOURCES: Record<'gateway' | 'subgraph', IResourceRequirements> = {
  gateway: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  subgraph: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '500m', memory: '384Mi' } },
};

const size = (service: PlatformService) => (service.kind === 'gateway' ? 'gateway' : 'subgraph');

/** The password variable DATABASE_URL refers to, $(DB_PASSWORD), read from the database's Secret. */
const DB_PASSWORD_VARIABLE = 'DB_PASSWORD';

/** A service's or a migration's database variables: its own user's password and the URL of its own database. */
export function databaseEnvironment(service: PlatformService): IEnvVar[] {
  if (!service.database) return [];
  return [
    { name: DB_PASSWORD_VARIABLE, valueFrom: { secretKeyRef: { name: databaseSecretName(service), key: DB_PASSWORD_KEY } } },
    { name: 'DATABASE_URL', value: `mysql://${service.database.name}:$(${DB_PASSWORD_VARIABLE})@${databaseName(service)}:${MARIADB_PORT}` },
  ];
}

// The public key sets for every service; the delegation key joins them in the webhooks service alone.
function keysVolume(service: PlatformService): IVolume {
  const jwks = { secret: { name: TOKEN_JWKS_SECRET, items: [KEY_FILES.jwks, KEY_FILES.webhooksJwks].map((k) => ({ key: k, path: k })) } };
  const signing = { secret: { name: DELEGATION_KEY_SECRET, items: [{ key: KEY_FILES.webhooksPrivate, path: KEY_FILES.webhooksPrivate }] } };
  return { name: 'keys', projected: { defaultMode: 0o440, sources: service.signsDelegatedTokens ? [jwks, signing] : [jwks] } };
}

const keysMount: IVolumeMount = { name: 'keys', mountPath: KEYS_DIR, readOnly: true };

function deployment(platform: Platform, service: PlatformService): Deployment {
  const environment = serviceEnvironment(service, (name) => serviceNamed(platform, name));
  const probe = (path: string) => ({ httpGet: { path, port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
  return new Deployment({
    metadata: metadata(service.name, serviceLabels(service)),
    // No replicas: the autoscaler sets them, and applying again does not reset them.
    spec: {
      selector: { matchLabels: serviceLabels(service) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: serviceLabels(service) },
        spec: {
          automountServiceAccountToken: false,
          // Service links would add ZHEJIANG_PORT=tcp://... beside the variables the services read.
          enableServiceLinks: false,
          securityContext: podSecurity(NODE_UID),
          containers: [{
            name: service.name,
            image: IMAGE,
            command: [...service.command],
            ports: [{ name: 'http', containerPort: service.port, protocol: 'TCP' }],
            env: [...Object.entries(environment).map(([name, value]) => ({ name, value })), ...databaseEnvironment(service)],
            // A province answers only once its database is migrated and seeded: the first start may take a while.
            startupProbe: { httpGet: { path: HEALTH.live, port: 'http' }, periodSeconds: 5, failureThreshold: 30 },
            livenessProbe: probe(HEALTH.live),
            readinessProbe: probe(trafficReadyPath(service)),
            resources: RESOURCES[size(service)],
            securityContext: containerSecurity,
            volumeMounts: [keysMount, ...scratchMounts(SERVICE_SCRATCH)],
          }],
          volumes: [keysVolume(service), ...scratchVolumes(SERVICE_SCRATCH)],
        },
      },
    },
  });
}

const clusterService = (service: PlatformService) => new Service({
  metadata: metadata(service.name, serviceLabels(service)),
  spec: { selector: serviceLabels(service), ports: [{ name: 'http', port: service.port, targetPort: 'http', protocol: 'TCP' }] },
});

const autoscaler = (service: PlatformService) => new HorizontalPodAutoscaler({
  metadata: metadata(service.name, serviceLabels(service)),
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.name },
    minReplicas: REPLICAS[size(service)].min,
    maxReplicas: REPLICAS[size(service)].max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: CPU_TARGET } } }],
  },
});

const disruptionBudget = (service: PlatformService) => new PodDisruptionBudget({
  metadata: metadata(service.name, serviceLabels(service)),
  spec: { minAvailable: 1, selector: { matchLabels: serviceLabels(service) } },
});

export type ServiceObject = Deployment | Service | HorizontalPodAutoscaler | PodDisruptionBudget;

/** Each service's Deployment, Service, autoscaler and disruption budget. */
export function serviceWorkloads(platform: Platform): ServiceObject[] {
  return platform.services.flatMap((s) => [deployment(platform, s), clusterService(s), autoscaler(s), disruptionBudget(s)]);
}
