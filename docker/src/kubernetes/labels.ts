import type { PlatformService } from '../platform';

export const NAMESPACE = 'yrd';
export const PART_OF = 'yrd-port-clearance';

/** What a pod is, for the network policies: each selects its peers by name and role. */
export type Role = 'gateway' | 'subgraph' | 'database' | 'migration';

export const NAME_LABEL = 'app.kubernetes.io/name';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const ROLE_LABEL = 'yrd/role';

/** A workload's labels, also its selector: its name, the platform and its role. */
export const labels = (name: string, role: Role): Record<string, string> => ({
  [NAME_LABEL]: name, [PART_OF_LABEL]: PART_OF, [ROLE_LABEL]: role,
});

export const serviceRole = (service: PlatformService): Role => (service.kind === 'gateway' ? 'gateway' : 'subgraph');
export const serviceLabels = (service: PlatformService): Record<string, string> => labels(service.name, serviceRole(service));

/** The names of a service's database and of its migration Job. */
export const databaseName = (service: PlatformService): string => `${service.name}-db`;
export const migrationName = (service: PlatformService): string => `${service.name}-migrate`;
export const databaseLabels = (service: PlatformService): Record<string, string> => labels(databaseName(service), 'database');
export const migrationLabels = (service: PlatformService): Record<string, string> => labels(migrationName(service), 'migration');

export const metadata = (name: string, objectLabels: Record<string, string>) => ({ name, namespace: NAMESPACE, labels: objectLabels });
