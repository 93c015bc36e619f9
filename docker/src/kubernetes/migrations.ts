import { Job } from 'kubernetes-models/batch/v1';
import type { Platform, PlatformService } from '../platform';
import { IMAGE } from '../runtime';
import { metadata, migrationLabels, migrationName } from './labels';
import { NODE_UID, SERVICE_SCRATCH, containerSecurity, podSecurity, scratchMounts, scratchVolumes } from './podSecurity';
import { databaseEnvironment } from './workloads';

/**
 * A province's migrations, as its own database user: its database exists already (the StatefulSet's
 * MARIADB_DATABASE), so the user needs no right beyond it. It retries while the database starts.
 */
function migrationJob(service: PlatformService): Job {
  if (!service.province) throw new Error(`${service.name} is not a province: it has no migration job`);
  return new Job({
    metadata: metadata(migrationName(service), migrationLabels(service)),
    spec: {
      backoffLimit: 10,
      template: {
        metadata: { labels: migrationLabels(service) },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurity(NODE_UID),
          containers: [{
            name: 'migrate',
            image: IMAGE,
            command: ['node', 'shared/province/dist/bin/migrate.js', service.province],
            env: [{ name: 'NODE_ENV', value: 'production' }, ...databaseEnvironment(service)],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            securityContext: containerSecurity,
            volumeMounts: scratchMounts(SERVICE_SCRATCH),
          }],
          volumes: scratchVolumes(SERVICE_SCRATCH),
        },
      },
    },
  });
}

/** One Job per province; the webhooks service migrates its own database when it starts. */
export function migrationJobs(platform: Platform): Job[] {
  return platform.provinces.map(migrationJob);
}
