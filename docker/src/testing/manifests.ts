import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy, type INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service, type IPodTemplateSpec } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import type { GeneratedFile } from '../generatedFiles';
import type { Target } from './reachability';

/** An object as read back from a generated file. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

interface Validating {
  validate(): void;
}
type ModelClass = new (data: Manifest) => Validating;
const model = <T>(cls: new (data: T) => Validating): ModelClass => cls as unknown as ModelClass;

/** The model class of each kind the manifests may hold. */
export const MODELS: Readonly<Record<string, ModelClass>> = {
  'v1/Namespace': model(Namespace), 'v1/Secret': model(Secret), 'v1/Service': model(Service), 'v1/ConfigMap': model(ConfigMap),
  'apps/v1/Deployment': model(Deployment), 'apps/v1/StatefulSet': model(StatefulSet), 'batch/v1/Job': model(Job),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy), 'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
};

/** The object built with its kind's model class, whose validate() throws on a schema error. */
export function asModel(manifest: Manifest): Validating {
  const cls = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!cls) throw new Error(`no model for ${manifest.apiVersion} ${manifest.kind} (${manifest.metadata.name})`);
  return new cls(manifest);
}

export const isKubernetesFile = (file: GeneratedFile): boolean => file.path.startsWith('kubernetes/');

/** Every object of the generated Kubernetes files, read back from their text. */
export function readManifests(files: readonly GeneratedFile[]): Manifest[] {
  return files.filter(isKubernetesFile).flatMap((f) => parseAllDocuments(f.content).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${f.path}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as Manifest | null;
    return value ? [value] : [];
  }));
}

export const ofKind = (manifests: readonly Manifest[], kind: string): Manifest[] => manifests.filter((m) => m.kind === kind);
export const named = (manifests: readonly Manifest[], kind: string, name: string): Manifest | undefined =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name);

export const template = (m: Manifest): IPodTemplateSpec => (m.spec as { template: IPodTemplateSpec }).template;

/** A pod of each workload (Deployment, StatefulSet, Job), with its template's labels and its first container's port. */
export function podsOf(manifests: readonly Manifest[]): (Target & { port: number | null; kind: string })[] {
  return manifests.filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.kind)).map((m) => {
    const t = template(m);
    return {
      name: m.metadata.name, namespace: m.metadata.namespace ?? 'default', labels: t.metadata?.labels ?? {}, kind: m.kind,
      port: t.spec?.containers[0]?.ports?.[0]?.containerPort ?? null,
    };
  });
}

export const policiesOf = (manifests: readonly Manifest[]): INetworkPolicy[] => ofKind(manifests, 'NetworkPolicy') as unknown as INetworkPolicy[];
