import type { ProvinceRegistry } from '@yrd/domain';
import { generatedFiles } from '../generatedFiles';
import { podsOf, policiesOf, readManifests } from './manifests';
import { canReach, type Source } from './reachability';

/**
 * Who may reach whom, as intended (written here, not read from the generator): the gateway from anywhere; the region
 * from the gateway and the webhook worker (its start cursor); a province from the gateway, the region and the other
 * provinces (a commitment is checked with its lead); webhooks from the gateway alone; a database from its own
 * service and, for a province, its migration; a migration from nobody.
 */
export function intendedSources(target: string, provinces: readonly string[]): (source: Source) => boolean {
  const pod = (...names: string[]) => (s: Source) => s.kind === 'pod' && s.namespace === 'yrd' && names.includes(s.name);
  if (target === 'gateway') return () => true;
  if (target === 'region') return pod('gateway', 'webhooks');
  if (target === 'webhooks') return pod('gateway');
  if (target === 'webhooks-db') return pod('webhooks');
  if (provinces.includes(target)) return pod('gateway', 'region', ...provinces.filter((p) => p !== target));
  const db = provinces.find((p) => target === `${p}-db`);
  if (db) return pod(db, `${db}-migrate`);
  if (provinces.some((p) => target === `${p}-migrate`)) return () => false;
  throw new Error(`no intent written for ${target}`);
}

/**
 * The policies' intent, from the generated NetworkPolicies alone and the labels of the pods the workloads make:
 * every source against every pod, on the pod's port.
 */
export function reachabilityMatrix(registry: ProvinceRegistry) {
  const manifests = readManifests(generatedFiles(registry));
  const policies = policiesOf(manifests);
  const pods = podsOf(manifests);
  const gatewayLabels = pods.find((p) => p.name === 'gateway')?.labels ?? {};
  const sources: Source[] = [
    ...pods.map((p): Source => ({ kind: 'pod', name: p.name, namespace: p.namespace, labels: p.labels })),
    // Another namespace's pod that claims the gateway's labels: a podSelector alone must not admit it.
    { kind: 'pod', name: 'impostor', namespace: 'elsewhere', labels: gatewayLabels },
    { kind: 'external', name: 'internet', ip: '203.0.113.7' },
  ];
  return { pods, sources, policies, reach: (source: Source, target: (typeof pods)[number]) => canReach(policies, source, target, target.port ?? 80) };
}

/** Each source that reaches a pod it should not, or cannot reach one it should: none when the policies hold. */
export function unintendedReach(registry: ProvinceRegistry): string[] {
  const provinces = registry.provinces.map((p) => p.names.field);
  const { pods, sources, reach } = reachabilityMatrix(registry);
  const wrong: string[] = [];
  for (const target of pods) {
    const intended = intendedSources(target.name, provinces);
    for (const source of sources) {
      const actual = reach(source, target);
      if (actual !== intended(source)) wrong.push(`${source.name} ${actual ? 'reaches' : 'cannot reach'} ${target.name}`);
    }
  }
  return wrong;
}
