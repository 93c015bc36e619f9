import { ProvinceRegistry } from '@yrd/domain';
import type { IContainer } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { COMPOSE_FILE } from './compose';
import { generatedFiles } from './generatedFiles';
import { asModel, named, ofKind, readManifests, template, type Manifest } from './testing/manifests';

const registry = new ProvinceRegistry();
const files = generatedFiles(registry);
const manifests = readManifests(files);
const fields = registry.provinces.map((p) => p.names.field);
const services = ['gateway', 'region', 'webhooks', ...fields];
const container = (m: Manifest): IContainer => {
  const c = template(m).spec?.containers[0];
  if (!c) throw new Error(`${m.metadata.name} has no container`);
  return c;
};
const envOf = (m: Manifest) => new Map((container(m).env ?? []).map((e) => [e.name, e]));

describe('the Kubernetes manifests', () => {
  it('validate, each with its kind\'s model class', () => {
    expect(manifests.length).toBeGreaterThan(20);
    for (const m of manifests) expect(() => asModel(m).validate()).not.toThrow();
  });

  it('would fail validation if an object were broken (the check can fail)', () => {
    const deployment = structuredClone(named(manifests, 'Deployment', 'gateway')) as Manifest & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    delete deployment.spec.template.spec.containers[0]?.name;
    expect(() => asModel(deployment).validate()).toThrow(/name/);
    const hpa = structuredClone(named(manifests, 'HorizontalPodAutoscaler', 'gateway')) as Manifest & { spec: { minReplicas: unknown } };
    hpa.spec.minReplicas = 'two';
    expect(() => asModel(hpa).validate()).toThrow(/minReplicas/);
    expect(() => asModel({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/no model/);
  });

  it('put everything in the yrd namespace, labelled as part of the platform', () => {
    expect(ofKind(manifests, 'Namespace').map((n) => n.metadata.name)).toEqual(['yrd']);
    for (const m of manifests.filter((x) => x.kind !== 'Namespace')) {
      expect(m.metadata.namespace).toBe('yrd');
      expect(m.metadata.labels?.['app.kubernetes.io/part-of']).toBe('yrd-port-clearance');
    }
  });

  it('run a Deployment and a Service for the gateway and every subgraph, with the compose file\'s commands', () => {
    const compose = parse(files.find((f) => f.path === COMPOSE_FILE)?.content ?? '') as { services: Record<string, { command: string[] }> };
    expect(ofKind(manifests, 'Deployment').map((d) => d.metadata.name).sort()).toEqual([...services].sort());
    for (const name of services) {
      const d = named(manifests, 'Deployment', name) as Manifest;
      expect(container(d).image).toBe('yrd-port-clearance:latest');
      expect(container(d).command).toEqual(compose.services[name]?.command);
      const port = container(d).ports?.[0]?.containerPort;
      expect(named(manifests, 'Service', name)?.spec?.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
      expect(d.metadata.labels?.['yrd/role']).toBe(name === 'gateway' ? 'gateway' : 'subgraph');
    }
  });

  it('probe every service on its real health paths, and bound its resources and rights', () => {
    for (const d of ofKind(manifests, 'Deployment')) {
      const c = container(d);
      expect(c.ports?.[0]?.name).toBe('http');
      expect(c.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      // The gateway takes traffic while any subgraph is down (a partial answer); a subgraph only when it is ready.
      const traffic = d.metadata.name === 'gateway' ? '/health/live' : '/health/ready';
      expect(c.readinessProbe?.httpGet).toEqual({ path: traffic, port: 'http' });
      for (const kind of ['requests', 'limits'] as const) {
        expect(c.resources?.[kind]).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      }
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(template(d).spec?.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(template(d).spec?.automountServiceAccountToken).toBe(false);
    }
  });

  it('scale the gateway and every subgraph on CPU, and keep one of each through a disruption', () => {
    for (const name of services) {
      const d = named(manifests, 'Deployment', name) as Manifest;
      const hpa = named(manifests, 'HorizontalPodAutoscaler', name);
      expect(hpa?.apiVersion).toBe('autoscaling/v2');
      expect(hpa?.spec).toMatchObject({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: expect.any(Number),
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
      });
      expect(hpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      const pdb = named(manifests, 'PodDisruptionBudget', name);
      expect(pdb?.apiVersion).toBe('policy/v1');
      expect(pdb?.spec).toEqual({ minAvailable: 1, selector: { matchLabels: template(d).metadata?.labels } });
    }
  });

  it('give each province and webhooks a MariaDB of its own, with its own user and a password from a Secret', () => {
    const owners = [...fields, 'webhooks'];
    expect(ofKind(manifests, 'StatefulSet').map((s) => s.metadata.name).sort()).toEqual(owners.map((o) => `${o}-db`).sort());
    for (const owner of owners) {
      const db = named(manifests, 'StatefulSet', `${owner}-db`) as Manifest;
      expect(container(db).image).toBe('mariadb:11.4');
      const env = envOf(db);
      expect(env.get('MARIADB_DATABASE')?.value).toBe(`yrd_${owner}`);
      expect(env.get('MARIADB_USER')?.value).toBe(`yrd_${owner}`);
      expect(env.get('MARIADB_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: `${owner}-db`, key: 'password' });
      expect(named(manifests, 'Service', `${owner}-db`)?.spec?.ports).toEqual([expect.objectContaining({ port: 3306 })]);
      const service = named(manifests, 'Deployment', owner) as Manifest;
      expect(envOf(service).get('DATABASE_URL')?.value).toBe(`mysql://yrd_${owner}:$(DB_PASSWORD)@${owner}-db:3306`);
      expect(envOf(service).get('DB_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: `${owner}-db`, key: 'password' });
    }
    for (const none of ['gateway', 'region']) expect(envOf(named(manifests, 'Deployment', none) as Manifest).has('DATABASE_URL')).toBe(false);
  });

  it('migrate each province with a Job of its own, as its own database user', () => {
    expect(ofKind(manifests, 'Job').map((j) => j.metadata.name)).toEqual(fields.map((f) => `${f}-migrate`));
    for (const p of registry.provinces) {
      const job = named(manifests, 'Job', `${p.names.field}-migrate`) as Manifest;
      expect(container(job).command).toEqual(['node', 'shared/province/dist/bin/migrate.js', p.code]);
      expect(envOf(job).get('DATABASE_URL')?.value).toBe(`mysql://${p.names.database}:$(DB_PASSWORD)@${p.names.field}-db:3306`);
      expect(job.metadata.labels?.['yrd/role']).toBe('migration');
    }
  });

  it('commit no secret value, and mount the delegation key into webhooks alone', () => {
    const secrets = ofKind(manifests, 'Secret');
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual(['token-jwks', 'webhooks-token-key', ...[...fields, 'webhooks'].map((o) => `${o}-db`)].sort());
    for (const s of secrets) {
      expect(s.data).toBeUndefined();
      expect(Object.values(s.stringData as Record<string, string>).every((v) => v === '')).toBe(true);
    }
    for (const d of ofKind(manifests, 'Deployment')) {
      const sources = template(d).spec?.volumes?.find((v) => v.name === 'keys')?.projected?.sources?.map((s) => s.secret?.name);
      expect(sources).toEqual(d.metadata.name === 'webhooks' ? ['token-jwks', 'webhooks-token-key'] : ['token-jwks']);
      expect(envOf(d).has('WEBHOOK_TOKEN_PRIVATE_KEY_FILE')).toBe(d.metadata.name === 'webhooks');
    }
  });
});
