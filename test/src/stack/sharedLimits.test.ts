import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createGateway, SUPERGRAPH_FILE, type Gateway } from '@yrd/gateway';
import { ProvinceRegistry } from '@yrd/domain';
import { SharedCounters, loadAuthenticator } from '@yrd/service';
import { bearer, startStack, subscribe, testToken, type Subscriber, type TestStack } from '../harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Redis runs on these machines and in CI; elsewhere, with none, say so rather than pass.
const run = process.env.REDIS_URL || process.env.CI || existsSync('/usr/bin/redis-server') ? describe : describe.skip;

/** Two gateway replicas over the same subgraphs, counting per subject in one Redis (a key prefix of this test's own). */
run('limits shared by gateway replicas through Redis (REDIS_URL, default redis://127.0.0.1:6379)', () => {
  const prefix = `yrd-test-${process.pid}-${randomBytes(3).toString('hex')}:`;
  // Above the 100 subscriptions of the second test, which count as operations too.
  const RATE = { operations: 150, perSeconds: 60 };
  let stack: TestStack;
  let second: Gateway;
  let secondUrl: string;
  beforeAll(async () => {
    stack = await startStack({ gateway: { limits: { rate: RATE }, counters: SharedCounters.redis(REDIS_URL, prefix) } });
    second = createGateway({
      supergraphFile: SUPERGRAPH_FILE, authenticator: loadAuthenticator(stack.database.dataDir, new ProvinceRegistry().codes),
      subgraphUrls: stack.gateway.subscriptions.subgraphUrls, limits: { rate: RATE }, counters: SharedCounters.redis(REDIS_URL, prefix),
    });
    await second.server.start();
    secondUrl = await second.server.listen(0);
  });
  afterAll(async () => {
    await second.server.stop();
    await stack.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const ask = async (url: string, headers: Record<string, string>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ viewer { subject } }' }) });
    return res.status;
  };

  it('allows one subject its rate once across both replicas, not once on each', async () => {
    const caller = bearer(testToken({ sub: `shared-rate-${prefix}`, role: 'partner' }));
    const statuses: number[] = [];
    // Alternating between the replicas: two operations more than the limit.
    for (let i = 0; i < RATE.operations + 2; i++) statuses.push(await ask(i % 2 ? secondUrl : stack.gatewayUrl, caller));
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE.operations);
    expect(statuses.slice(RATE.operations)).toEqual([429, 429]);
    // Another subject is untouched by it.
    expect(await ask(secondUrl, bearer(testToken({ sub: `other-${prefix}`, role: 'partner' })))).toBe(200);
  });

  it('counts one subject\'s open subscriptions across both replicas, and frees them as they end', async () => {
    const caller = bearer(testToken({ sub: `shared-subscriptions-${prefix}`, role: 'partner' }));
    const open: Subscriber[] = [];
    const query = 'subscription { routeChanged(provinces: [ZHEJIANG]) { id } }';
    // The bound is 100 per subject: 50 on each replica fill it; the next, on either, is refused.
    for (let i = 0; i < 100; i++) open.push(subscribe(i % 2 ? secondUrl : stack.gatewayUrl, query, {}, { headers: caller }));
    await new Promise((r) => setTimeout(r, 1500));
    expect(open.filter((s) => s.failure || s.received.length)).toEqual([]);
    const refused = subscribe(secondUrl, query, {}, { headers: caller });
    const [answer] = await refused.waitFor(1, 5000);
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_OPERATIONS' } });
    await refused.close();
    // One ends on the first replica: a new one fits on the second.
    await open.shift()?.close();
    await new Promise((r) => setTimeout(r, 300));
    const fits = subscribe(secondUrl, query, {}, { headers: caller });
    await new Promise((r) => setTimeout(r, 1000));
    expect(fits.failure).toBeNull();
    expect(fits.received).toEqual([]);
    await Promise.all([...open, fits].map((s) => s.close()));
  }, 60_000);
});
