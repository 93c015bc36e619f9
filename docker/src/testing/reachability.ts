import type { INetworkPolicy, INetworkPolicyPeer, INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1';

type LabelSelector = NonNullable<INetworkPolicy['spec']>['podSelector'];

/** Where a connection comes from: a pod (its namespace and labels), or an address outside the cluster. */
export type Source =
  | { readonly kind: 'pod'; readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> }
  | { readonly kind: 'external'; readonly name: string; readonly ip: string };

export interface Target {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A selector against labels, as the API server reads it: every matchLabels and every matchExpressions. */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: throw new Error(`selector operator ${e.operator} is not understood here`);
    }
  });
  return byLabels && byExpressions;
}

const ipv4 = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  if (!base || bits === undefined || cidr.includes(':')) throw new Error(`CIDR ${cidr} is not understood here (IPv4 only)`);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}

/**
 * Whether one `from` peer admits the source. A podSelector alone means pods of the policy's namespace; with a
 * namespaceSelector, pods of the namespaces it selects; an ipBlock, addresses outside the cluster (pod addresses
 * are not stable enough to be what a policy means).
 */
function admits(peer: INetworkPolicyPeer, policyNamespace: string, source: Source, namespaceLabels: (ns: string) => Record<string, string>): boolean {
  if (peer.ipBlock) {
    return source.kind === 'external' && inCidr(source.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(source.ip, c));
  }
  if (source.kind !== 'pod') return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(source.namespace)) : source.namespace === policyNamespace;
  const podOk = peer.podSelector ? selects(peer.podSelector, source.labels) : true;
  return namespaceOk && podOk;
}

function portMatches(ports: readonly INetworkPolicyPort[] | undefined, port: number): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if (typeof p.port === 'string') throw new Error(`named port ${p.port} is not understood here`);
    const protocol = p.protocol ?? 'TCP';
    return protocol === 'TCP' && (p.port === undefined || (p.port <= port && port <= (p.endPort ?? p.port)));
  });
}

/**
 * Whether `source` may open a TCP connection to `target` on `port` under these policies. A pod no Ingress policy
 * selects takes every connection; one that some select takes only what one of their rules admits (an empty or
 * missing `from` admits every source).
 */
export function canReach(policies: readonly INetworkPolicy[], source: Source, target: Target, port: number,
  namespaceLabels: (ns: string) => Record<string, string> = (ns) => ({ 'kubernetes.io/metadata.name': ns })): boolean {
  const applying = policies.filter((p) => {
    const ns = p.metadata?.namespace;
    if (!ns) throw new Error(`policy ${p.metadata?.name} has no namespace`);
    const types = p.spec?.policyTypes ?? ['Ingress'];
    return ns === target.namespace && types.includes('Ingress') && selects(p.spec?.podSelector, target.labels);
  });
  if (!applying.length) return true;
  return applying.some((p) => (p.spec?.ingress ?? []).some((rule) => portMatches(rule.ports, port)
    && (!rule.from?.length || rule.from.some((peer) => admits(peer, target.namespace, source, namespaceLabels)))));
}
