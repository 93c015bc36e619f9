import { ProvinceRegistry } from '@yrd/domain';
import { reachabilityMatrix, unintendedReach } from './testing/intent';
import { canReach } from './testing/reachability';

describe('the network policies', () => {
  const registry = new ProvinceRegistry();
  const { pods, sources, policies, reach } = reachabilityMatrix(registry);
  const pod = (name: string) => {
    const found = pods.find((p) => p.name === name);
    if (!found) throw new Error(`no pod ${name}`);
    return found;
  };
  const source = (name: string) => {
    const found = sources.find((s) => s.name === name);
    if (!found) throw new Error(`no source ${name}`);
    return found;
  };

  it('let each pod be reached by exactly whom it is meant to: the whole matrix', () => {
    expect(pods.length).toBe(3 + 2 * registry.provinces.length + registry.provinces.length + 1);
    expect(unintendedReach(registry)).toEqual([]);
  });

  it('let only the gateway be reached from outside the namespace', () => {
    for (const target of pods) {
      expect(reach(source('internet'), target)).toBe(target.name === 'gateway');
      expect(reach(source('impostor'), target)).toBe(target.name === 'gateway');
    }
  });

  it('keep one province out of another\'s database, and out of the webhooks\' one', () => {
    expect(reach(source('zhejiang'), pod('shanghai-db'))).toBe(false);
    expect(reach(source('zhejiang-migrate'), pod('shanghai-db'))).toBe(false);
    expect(reach(source('zhejiang'), pod('webhooks-db'))).toBe(false);
    expect(reach(source('zhejiang'), pod('zhejiang-db'))).toBe(true);
    expect(reach(source('gateway'), pod('zhejiang-db'))).toBe(false);
  });

  it('let provinces ask each other (a commitment is checked with its lead), and nothing but the gateway ask webhooks', () => {
    expect(reach(source('zhejiang'), pod('shanghai'))).toBe(true);
    expect(reach(source('zhejiang'), pod('webhooks'))).toBe(false);
    expect(reach(source('region'), pod('webhooks'))).toBe(false);
    expect(reach(source('gateway'), pod('webhooks'))).toBe(true);
  });

  it('admit a caller on its callee\'s port only', () => {
    expect(canReach(policies, source('gateway'), pod('region'), pod('region').port ?? 0)).toBe(true);
    expect(canReach(policies, source('gateway'), pod('region'), 9229)).toBe(false);
  });

  it('deny by default: a pod no other policy selects is reached by nobody', () => {
    const stray = { name: 'stray', namespace: 'yrd', labels: { 'app.kubernetes.io/name': 'stray' } };
    expect(canReach(policies, source('gateway'), stray, 8080)).toBe(false);
  });
});
