import { NetworkPolicy, type INetworkPolicyPeer, type INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1';
import { callersOf, servicesWithDatabases, type Platform, type PlatformService } from '../platform';
import { MARIADB_PORT } from '../runtime';
import { PART_OF, PART_OF_LABEL, databaseLabels, databaseName, metadata, migrationLabels, serviceLabels } from './labels';

const policyLabels = { [PART_OF_LABEL]: PART_OF };
const tcp = (port: number): INetworkPolicyPort[] => [{ protocol: 'TCP', port }];
const pods = (labels: Record<string, string>): INetworkPolicyPeer => ({ podSelector: { matchLabels: labels } });

/** Nothing reaches a pod of the namespace unless a policy below lets it. */
export const defaultDenyPolicy = (): NetworkPolicy => new NetworkPolicy({
  metadata: metadata('default-deny-ingress', policyLabels),
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
});

/**
 * A service is reached by the services that call it (platform.ts: read from the code), on its port only; the
 * gateway, the platform's one door, by anyone.
 */
function servicePolicy(platform: Platform, service: PlatformService): NetworkPolicy {
  const callers = callersOf(platform, service);
  return new NetworkPolicy({
    metadata: metadata(`${service.name}-ingress`, policyLabels),
    spec: {
      podSelector: { matchLabels: serviceLabels(service) },
      policyTypes: ['Ingress'],
      ingress: [service.public ? { ports: tcp(service.port) } : { from: callers.map((c) => pods(serviceLabels(c))), ports: tcp(service.port) }],
    },
  });
}

/** A database is reached by its own service and, for a province, its migration Job: no other province's pods. */
function databasePolicy(service: PlatformService): NetworkPolicy {
  const clients = [pods(serviceLabels(service)), ...(service.province ? [pods(migrationLabels(service))] : [])];
  return new NetworkPolicy({
    metadata: metadata(`${databaseName(service)}-ingress`, policyLabels),
    spec: {
      podSelector: { matchLabels: databaseLabels(service) },
      policyTypes: ['Ingress'],
      ingress: [{ from: clients, ports: tcp(MARIADB_PORT) }],
    },
  });
}

/** The policies of the services (each with the services that call it). */
export function servicePolicies(platform: Platform): NetworkPolicy[] {
  // An empty `from` lets every source in: a service that nobody calls must not get one.
  const uncalled = platform.services.find((s) => !s.public && !callersOf(platform, s).length);
  if (uncalled) throw new Error(`nobody calls ${uncalled.name}: its policy would have no peers, which Kubernetes reads as everyone`);
  return platform.services.map((s) => servicePolicy(platform, s));
}

export const databasePolicies = (platform: Platform): NetworkPolicy[] => servicesWithDatabases(platform).map(databasePolicy);
