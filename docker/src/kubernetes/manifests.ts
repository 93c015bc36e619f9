import type { ProvinceRegistry } from '@yrd/domain';
import type { Job } from 'kubernetes-models/batch/v1';
import type { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Namespace, type Secret } from 'kubernetes-models/v1';
import { platformModel } from '../platform';
import { GENERATED_NOTICE, renderYamlStream } from '../yamlText';
import { databases, type DatabaseObject } from './databases';
import { NAMESPACE, PART_OF, PART_OF_LABEL } from './labels';
import { migrationJobs } from './migrations';
import { databasePolicies, defaultDenyPolicy, servicePolicies } from './networkPolicies';
import { secretCommands, secrets } from './secrets';
import { serviceWorkloads, type ServiceObject } from './workloads';

export type KubernetesObject = Namespace | Secret | NetworkPolicy | DatabaseObject | Job | ServiceObject;

/** One file of manifests, numbered for its step in the apply order (kubectl applies a folder in name order). */
export interface ManifestFile {
  /** Under docker/: kubernetes/1-namespace.yaml. */
  readonly path: string;
  /** What the step is, for the file's header. */
  readonly about: readonly string[];
  readonly objects: readonly KubernetesObject[];
}

/**
 * The platform on Kubernetes, in the order it is applied: the namespace (and its default deny), the Secrets (created
 * with kubectl, never applied from here), the databases, the provinces' migrations, then the services. Each
 * workload's network policy comes with it.
 */
export function kubernetesManifests(registry: ProvinceRegistry): ManifestFile[] {
  const platform = platformModel(registry);
  return [{
    path: 'kubernetes/1-namespace.yaml',
    about: ['The namespace, and the policy that denies every pod in it all ingress but what a later policy allows.'],
    objects: [new Namespace({ metadata: { name: NAMESPACE, labels: { [PART_OF_LABEL]: PART_OF } } }), defaultDenyPolicy()],
  }, {
    // Not .yaml, so that applying the folder never empties the real Secrets with these.
    path: 'kubernetes/secrets.yaml.template',
    about: [
      'The Secrets the platform reads, WITHOUT values: never apply this file (it would empty them). Create each once,',
      'before the databases first start (a database keeps the passwords it was initialised with), from the keys made by',
      'node shared/service/dist/bin/keys.js docker/keys (and again with --prefix webhooks-):',
      ...secretCommands(platform).map((c) => `  ${c}`),
    ],
    objects: secrets(platform),
  }, {
    path: 'kubernetes/2-databases.yaml',
    about: ['A MariaDB for each province and for webhooks, each reachable from its own service (and migration) alone.'],
    objects: [...databases(platform), ...databasePolicies(platform)],
  }, {
    path: 'kubernetes/3-migrations.yaml',
    about: [
      'Each province\'s migrations, as its own database user. A Job\'s pod template cannot change: delete the old Jobs',
      'before applying a new release (kubectl -n yrd delete job -l yrd/role=migration), and let them complete before the',
      'services start (kubectl -n yrd wait --for=condition=complete job -l yrd/role=migration).',
    ],
    objects: migrationJobs(platform),
  }, {
    path: 'kubernetes/4-services.yaml',
    about: [
      'The gateway and the subgraphs: a Deployment, a Service, an autoscaler and a disruption budget each, and the',
      'policy that lets in only the services that call it (the gateway: anyone).',
    ],
    objects: [...serviceWorkloads(platform), ...servicePolicies(platform)],
  }];
}

export function renderManifestFile(file: ManifestFile): string {
  return renderYamlStream([...GENERATED_NOTICE, '', ...file.about], file.objects.map((o) => o.toJSON()));
}
