import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvinceRegistry } from '@yrd/domain';
import { databaseConfigFor, openDatabase } from '@yrd/province';
import { loadAuthenticator } from '@yrd/service';
import { bearer, changeEvents, eventually, lastEventId, startPlatform, stopPlatform, subscribeResuming, type StartedPlatform } from '../harness';

const PORTS = '{ ports(first: 100) { totalCount nodes { code province } } }';
type Answer = { data?: { ports?: { nodes: { province: string }[] } } | null; errors?: { extensions?: Record<string, unknown> }[] };

/** npm start as a user runs it: every service its own process, on the embedded default. */
describe('npm start keeps the platform up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yrd-npm-start-'));
  let platform: StartedPlatform;
  let headers: Record<string, string>;
  let officeOf: (province: string) => Promise<Record<string, string>>;
  const ask = async (): Promise<Answer> => (await fetch(platform.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: PORTS }),
  })).json() as Promise<Answer>;
  const provincesIn = (answer: Answer) => new Set(answer.data?.ports?.nodes.map((p) => p.province));

  beforeAll(async () => {
    platform = await startPlatform(dataDir);
    // The platform runs on its development key (startPlatform removes the tests' own): a token signed with it.
    const authenticator = loadAuthenticator(dataDir, new ProvinceRegistry().codes, { ...process.env, JWT_SECRET: undefined, WEBHOOK_TOKEN_SECRET: undefined });
    headers = bearer(await authenticator.issue({ subject: 'analyst', role: 'analyst' }));
    officeOf = async (province) => bearer(await authenticator.issue({ subject: `clerk@${province.toLowerCase()}`, role: 'office', province }));
  }, 60_000);
  afterAll(async () => {
    await stopPlatform(platform);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('restarts a province killed with kill -9, the others answering meanwhile, and it answers again', async () => {
    expect(provincesIn(await ask())).toEqual(new Set(new ProvinceRegistry().codes));
    const killed = platform.pids.zhejiang;
    process.kill(killed, 'SIGKILL');
    // Down: the others' ports, and an error naming Zhejiang; the gateway and the region stay up.
    await eventually(() => platform.output.some((l) => /^zhejiang\s+exited with SIGKILL: restarting in 1 s/.test(l)), 5000, 'the restart announced');
    const partial = await ask();
    expect(provincesIn(partial)).toEqual(new Set(new ProvinceRegistry().codes.filter((c) => c !== 'ZHEJIANG')));
    expect(partial.errors?.map((e) => e.extensions?.subgraph)).toEqual(['zhejiang']);
    // Back within seconds, as a new process, and answering.
    await eventually(() => platform.output.some((l) => /^zhejiang\s+ready again at/.test(l)), 10_000, 'Zhejiang started again');
    expect(platform.pids.zhejiang).not.toBe(killed);
    const whole = await ask();
    expect(whole.errors).toBeUndefined();
    expect(provincesIn(whole)).toEqual(new Set(new ProvinceRegistry().codes));
  }, 60_000);

  /** Each province's outbox (change_event) after the given ids: the changes a partner system must get, once each. */
  const outboxes = async (after: Record<string, number> = {}) => {
    const rows: Record<string, string[]> = {};
    for (const code of new ProvinceRegistry().codes) {
      const database = await openDatabase(databaseConfigFor(code, { dataDir }));
      try {
        rows[code] = after[code] === undefined ? [String(await lastEventId(database))]
          : (await changeEvents(database, after[code])).map((e) => `${code}:${e.id}`);
      } finally {
        await database.close();
      }
    }
    return rows;
  };

  it('restarts the region, the gateway and webhooks killed with kill -9 mid-subscription; a resuming subscriber gets every change once', async () => {
    const before = Object.fromEntries(Object.entries(await outboxes()).map(([code, [id]]) => [code, Number(id)]));
    const cursor = ((await (await fetch(platform.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ changeCursor }' }),
    })).json()) as { data: { changeCursor: string } }).data.changeCursor;
    const subscriber = subscribeResuming(platform.url, 'subscription ($after: String) { changes(after: $after) { id cursor } }', 'changes', cursor, headers);
    const offices = { ZHEJIANG: await officeOf('ZHEJIANG'), SHANGHAI: await officeOf('SHANGHAI') };
    const ports = { ZHEJIANG: 'CNNBO', SHANGHAI: 'CNYSA' };
    // A steady stream of writes to two provinces, every 50 ms, bounded; some fail while the gateway is down.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing && i < 2000; i++) {
        const province = i % 2 ? 'SHANGHAI' : 'ZHEJIANG';
        const period = `${2080 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        const answer = await fetch(platform.url, {
          method: 'POST', headers: { 'content-type': 'application/json', ...offices[province] },
          body: JSON.stringify({ query: `mutation ($input: CapacityRecordInput!) { ${province.toLowerCase()} { recordClearanceCapacity(input: $input) { changeCursor } } }`,
            variables: { input: { portCode: ports[province], agency: 'MARITIME', period, throughputTeu: i, clearance24x7: true } } }),
        }).then((r) => r.json() as Promise<{ errors?: unknown }>).catch(() => ({ errors: 'unreachable' }));
        if (!answer.errors) written++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    /** After a restart: five reads in a row and one write succeed; the time it took, Infinity if not within 5 s. */
    const recovery = async () => {
      const started = Date.now();
      let inARow = 0;
      while (Date.now() - started < 5000) {
        const answer = await ask().catch(() => ({ errors: [{}] }) as Answer);
        inARow = answer.errors ? 0 : inARow + 1;
        if (inARow >= 5) {
          const before = written;
          if (await eventually(() => written > before, 5000 - (Date.now() - started), 'a write').then(() => true, () => false)) return Date.now() - started;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return Infinity;
    };
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const recovered: Record<string, number> = {};
      for (const service of ['region', 'gateway', 'webhooks']) {
        const killed = platform.pids[service];
        const restarts = platform.output.filter((l) => l.startsWith(service) && l.includes('ready again')).length;
        process.kill(killed, 'SIGKILL');
        await eventually(() => platform.output.filter((l) => l.startsWith(service) && l.includes('ready again')).length > restarts, 15_000, `${service} started again`);
        expect(platform.pids[service]).not.toBe(killed);
        recovered[service] = await recovery();
      }
      await new Promise((r) => setTimeout(r, 1000));
      writing = false;
      await writer;
      // Every change the provinces committed, from the outboxes, once each, each province's in its order.
      const outbox = await outboxes(before);
      const expected = Object.values(outbox).flat();
      await eventually(() => subscriber.events.length >= expected.length, 15_000, `${expected.length} events`).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
      const ids = subscriber.events.map((e) => e.id as string);
      console.log(`npm start kill -9: ${written} writes, ${expected.length} changes in the outboxes, ${ids.length} delivered over ${subscriber.resumptions} resumptions; `
        + `answering again ${recovered.region} ms after the region's restart, ${recovered.gateway} ms after the gateway's, ${recovered.webhooks} ms after webhooks'`);
      expect(recovered.region).toBeLessThanOrEqual(5000);
      expect(recovered.gateway).toBeLessThanOrEqual(5000);
      expect(recovered.webhooks).toBeLessThanOrEqual(5000);
      expect(written).toBeGreaterThan(20);
      expect(expected.length).toBeGreaterThanOrEqual(written);
      expect(subscriber.resumptions).toBeGreaterThanOrEqual(1);
      for (const code of Object.keys(outbox)) expect(ids.filter((id) => id.startsWith(`${code}:`))).toEqual(outbox[code]);
      expect(ids).toHaveLength(expected.length);
    } finally {
      writing = false;
      await writer;
      await subscriber.close();
    }
  }, 90_000);
});
