import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { decodeRegionalCursor, ProvinceRegistry, provinceServices } from '@yrd/domain';
import { createNetwork, HAPROXY, namespaceProblem, type HostProcess, type HostService, type Network } from '../harness/networkHosts';
import { hasMariadbServer, startPrivateMariadb, type PrivateMariadb } from '../harness/privateMariadb';
import { outboxPositions } from '../harness/snapshot';
import { REPO_ROOT } from '../harness/startTestProvince';
import { subscribe, type Received, type Subscriber } from '../harness/subscriber';
// Also sets the tests' token key (JWT_SECRET), which every service on the hosts inherits.
import { analyst, officeOf, partner } from '../harness/tokens';

/**
 * The platform spread over hosts of its own on a network of the test's own (networkHosts.ts: a network namespace per
 * host, veth links onto one bridge, a private /24, no route beyond it): the database, two Zhejiang replicas, Shanghai,
 * Jiangsu, the region and two gateways, with Debian's HAProxy on a host of its own balancing the Zhejiang replicas
 * (the region's and the gateways' ZHEJIANG_URL) and the gateways (the test's client). Under a steady load through the
 * balancer: answers right through either gateway; a replica killed, then both Zhejiang hosts cut off, leave the
 * others answering with partial results that name Zhejiang; after the link returns, Zhejiang answers again within
 * 5 s; a subscriber on each gateway gets every change once, in order, as the provinces' outboxes hold them.
 *
 * The database: with DATABASE_URL (the MariaDB pass), a private MariaDB server on the db host, which the provinces
 * reach over the network (the machine's own server listens on loopback, which no host shares). Without it (the SQLite
 * pass), the replicas share Zhejiang's SQLite file under the test's data folder: namespaces separate the network,
 * not the file system, so the two replica hosts open the same file as they would on a shared volume.
 */
const problem = namespaceProblem()
  ?? (process.env.DATABASE_URL && !hasMariadbServer() ? 'no MariaDB server binaries (/usr/sbin/mariadbd) for the database host' : null);
if (problem) console.warn(`skipped "a network between hosts": ${problem}`);
const run = problem ? describe.skip : describe;

const onMariadb = !!process.env.DATABASE_URL;
const PREFIX = 'yrd_net_';
const ZJ = 'ZHEJIANG';
/** The provinces the load writes to: their changes are what the subscribers must receive. */
const WRITTEN = ['ZHEJIANG', 'SHANGHAI'] as const;
const GATEWAY_PORT = 4000;
const REGION_PORT = 4001;
const MARIADB_PORT = 3306;

const registry = new ProvinceRegistry();
const services = provinceServices();
const field = (code: string) => registry.names(code).field;
/** Zhejiang on two hosts, every other province on one, named by its subdivision (sh, js). */
const hostsOf = (code: string) => (code === ZJ ? ['zj1', 'zj2'] : [services.find((s) => s.code === code)!.subdivision.toLowerCase()]);
const portOf = (code: string) => services.find((s) => s.code === code)!.defaultPort;
const HOSTS = ['db', ...services.flatMap((s) => hostsOf(s.code)), 'region', 'gw1', 'gw2', 'lb'];

/** One query that touches every province: the region's merged list (a fan-out) and each province's own root. */
/** How soon after a cut the gateways stop answering from their caches what depends on the province cut off. */
const CUT_NOTICED_WITHIN_MS = 1500;
const CROSS = `query Cross { ports(first: 100) { nodes { code province } }
  ${services.map((s) => `${field(s.code)} { ports(first: 100) { nodes { code } } }`).join('\n  ')} }`;
const CHANGES = `subscription ($after: String) { changes(provinces: [${WRITTEN.join(', ')}], after: $after) { id cursor province recordId } }`;
const RECORD = (province: string) => `mutation ($input: CapacityRecordInput!) {
  ${field(province)} { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`;
const WRITE_PORT: Record<string, string> = { ZHEJIANG: 'CNNBO', SHANGHAI: 'CNSGH' };

interface GraphqlError { message: string; extensions?: Record<string, unknown> }
interface Answer { status: number; data?: Record<string, unknown> | null; errors?: GraphqlError[] }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>, timeoutMs = 8000): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  try {
    return { status: res.status, ...(JSON.parse(text) as Omit<Answer, 'status'>) };
  } catch {
    return { status: res.status, errors: [{ message: text.slice(0, 200) }] };
  }
}

/** A read's outcome: every province right; Zhejiang missing with only errors that name it, the others right; or wrong. */
type Outcome = 'full' | 'partial' | 'wrong';
interface Read { start: number; end: number; outcome: Outcome; note?: string }
interface Write { start: number; end: number; province: string; ok: boolean }

const namesZhejiang = (e: GraphqlError) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.subgraph === field(ZJ);

/** Each province's own ports, read from its host directly: what every answer through the gateways must show. */
type Expected = Record<string, { ports: { nodes: { code: string }[] } }>;

function classify(answer: Answer, expected: Expected): { outcome: Outcome; note?: string } {
  const data = answer.data;
  if (answer.status !== 200 || !data) return { outcome: 'wrong', note: `status ${answer.status}: ${JSON.stringify(answer.errors ?? null).slice(0, 300)}` };
  const merged = (data.ports as { nodes: { code: string; province: string }[] } | null)?.nodes ?? [];
  const right = (code: string) => isDeepStrictEqual(data[field(code)], expected[code])
    && isDeepStrictEqual(merged.filter((p) => p.province === code).map((p) => p.code).sort(), expected[code].ports.nodes.map((p) => p.code).sort());
  const othersRight = services.filter((s) => s.code !== ZJ).every((s) => right(s.code));
  if (!answer.errors?.length) {
    return othersRight && right(ZJ) ? { outcome: 'full' } : { outcome: 'wrong', note: `no error, but not the provinces' answer: ${JSON.stringify(data).slice(0, 300)}` };
  }
  if (othersRight && answer.errors.every(namesZhejiang)) return { outcome: 'partial' };
  return { outcome: 'wrong', note: `errors: ${JSON.stringify(answer.errors).slice(0, 300)}` };
}

interface Load {
  readonly reads: Read[];
  readonly writes: Write[];
  /** Records whose writes the client saw succeed (their recordId). */
  readonly confirmed: string[];
  stop(): Promise<void>;
}

/**
 * The steady load, through the balancer: three readers of CROSS, each pausing 100 ms between reads, and a writer that
 * records a capacity figure in Zhejiang and in Shanghai (office tokens) every 200 ms. Bounded: it runs until stop().
 */
function startLoad(url: string, expected: Expected): Load {
  const reads: Read[] = [];
  const writes: Write[] = [];
  const confirmed: string[] = [];
  let running = true;
  const reader = async () => {
    while (running) {
      const start = Date.now();
      let result: { outcome: Outcome; note?: string };
      try {
        result = classify(await post(url, CROSS, {}, partner), expected);
      } catch (error) {
        result = { outcome: 'wrong', note: String(error) };
      }
      reads.push({ start, end: Date.now(), ...result });
      await sleep(100);
    }
  };
  let month = 0;
  const write = async (province: string) => {
    month++;
    const period = `${2080 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const start = Date.now();
    let ok: boolean;
    try {
      const res = await post(url, RECORD(province), { input: { portCode: WRITE_PORT[province], agency: 'MARITIME', period, clearance24x7: true } }, officeOf(province));
      ok = res.status === 200 && !res.errors?.length;
    } catch {
      ok = false;
    }
    writes.push({ start, end: Date.now(), province, ok });
    if (ok) confirmed.push(`${WRITE_PORT[province]}:MARITIME:${period}`);
  };
  const writer = async () => {
    while (running) {
      for (const province of WRITTEN) await write(province);
      await sleep(200);
    }
  };
  const loops = [reader(), reader(), reader(), writer()];
  return {
    reads, writes, confirmed,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * How long after `since` Zhejiang answered again: five full reads in a row (by when they were answered, asked after
 * `since`) and a Zhejiang write that succeeded. Infinity while that has not happened.
 */
function recovery(load: Load, since: number): { ms: number; readsMs: number; writeMs: number } {
  let inRow = 0;
  let readsMs = Infinity;
  for (const r of load.reads.filter((x) => x.start >= since).sort((a, b) => a.end - b.end)) {
    inRow = r.outcome === 'full' ? inRow + 1 : 0;
    if (inRow === 5) {
      readsMs = r.end - since;
      break;
    }
  }
  const written = load.writes.filter((w) => w.province === ZJ && w.ok && w.start >= since).sort((a, b) => a.end - b.end)[0];
  const writeMs = written ? written.end - since : Infinity;
  return { ms: Math.max(readsMs, writeMs), readsMs, writeMs };
}

function haproxyConfig(net: Network): string {
  const at = (host: string) => net.host(host).address;
  const zjPort = portOf(ZJ);
  return `# The test's balancer: Debian's HAProxy on the lb host, in the foreground (-db), for one test.
global
  maxconn 2000

defaults
  mode http
  timeout connect 500ms
  timeout client 30s
  timeout server 3s
  timeout http-request 5s
  timeout http-keep-alive 5s
  timeout check 500ms
  # WebSockets (the region's reads of Zhejiang's change feed) once upgraded.
  timeout tunnel 1h
  retries 2
  option redispatch

frontend zhejiang
  bind ${at('lb')}:${zjPort}
  default_backend zhejiang_replicas

backend zhejiang_replicas
  balance roundrobin
  # A replica's readiness includes its database.
  option httpchk GET /health/ready
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1
  server zj1 ${at('zj1')}:${zjPort} check
  server zj2 ${at('zj2')}:${zjPort} check

frontend gateway
  bind ${at('lb')}:${GATEWAY_PORT}
  default_backend gateways

backend gateways
  balance roundrobin
  # Longer than a gateway takes to give up on a subgraph (5 s): its partial answer comes back, not the balancer's 504.
  timeout server 10s
  # Liveness, not readiness: a gateway's /health/ready asks every subgraph, so with Zhejiang cut off both gateways
  # would read unready and the balancer would refuse every caller, where they must answer with the others' data.
  option httpchk GET /health/live
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1
  server gw1 ${at('gw1')}:${GATEWAY_PORT} check
  server gw2 ${at('gw2')}:${GATEWAY_PORT} check
`;
}

/** Polls `probe` every 100 ms until it holds; fails after `timeoutMs`. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(100);
  }
}

const answers = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

run('a network between hosts', () => {
  let net: Network;
  let dataDir: string;
  let database: PrivateMariadb | null = null;
  const onHost: Record<string, HostService> = {};
  let balancer: HostProcess;
  let provinceEnv: (code: string) => Record<string, string>;
  let load: Load | null = null;
  const subscribers: Record<string, Subscriber> = {};
  let startCursor: string;
  let expected: Expected;
  const url = (host: string, port: number, path = '/graphql') => `http://${net.host(host).address}:${port}${path}`;
  const balancerUrl = () => url('lb', GATEWAY_PORT);
  const figures: Record<string, unknown> = { database: onMariadb ? 'mariadb' : 'sqlite' };
  /** Phase marks. */
  const at: Record<string, number> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yrd-net-'));
    net = await createNetwork(HOSTS);
    if (onMariadb) {
      database = await startPrivateMariadb({
        host: net.host('db').address, port: MARIADB_PORT, spawn: (command, args) => net.run('db', command, args).process,
      });
    }
    // Each province's and the region's view of the provinces: Zhejiang through the balancer, the others direct.
    const provinceUrls = Object.fromEntries(services.map((s) => [`${s.code}_URL`,
      s.code === ZJ ? url('lb', portOf(ZJ)) : url(hostsOf(s.code)[0], portOf(s.code))]));
    // Nothing of the machine's own: no database or Redis on its loopback (which no host shares).
    const common = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', SUBGRAPH_RATE_LIMIT: 'off', RATE_LIMIT: 'off' };
    provinceEnv = (code) => ({
      ...common, ...provinceUrls, PORT: String(portOf(code)), DATABASE_PREFIX: PREFIX,
      ...(database ? { DATABASE_URL: database.databaseUrl } : {}),
    });
    const startProvince = async (host: string, code: string) => {
      onHost[host] = await net.startService(host, join(REPO_ROOT, 'shared/province/dist/bin/province.js'),
        [join(REPO_ROOT, 'subgraphs', code.toLowerCase())], provinceEnv(code));
    };
    // The first Zhejiang replica creates and seeds the database; the second opens it as it stands.
    await startProvince('zj1', ZJ);
    await Promise.all([startProvince('zj2', ZJ), ...services.filter((s) => s.code !== ZJ).map((s) => startProvince(hostsOf(s.code)[0], s.code))]);
    onHost.region = await net.startService('region', join(REPO_ROOT, 'subgraphs/region/dist/main.js'), [],
      { ...common, ...provinceUrls, PORT: String(REGION_PORT) });
    // No webhooks host: nothing here asks that subgraph (its supergraph URL is the gateway host's own loopback).
    const gatewayEnv = {
      ...common, PORT: String(GATEWAY_PORT), REGION_URL: onHost.region.url,
      ...Object.fromEntries(services.map((s) => [`${field(s.code).toUpperCase()}_URL`, provinceUrls[`${s.code}_URL`]])),
    };
    await Promise.all(['gw1', 'gw2'].map(async (gw) => {
      onHost[gw] = await net.startService(gw, join(REPO_ROOT, 'gateway/dist/main.js'), [], gatewayEnv);
    }));
    const config = join(dataDir, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig(net));
    balancer = net.run('lb', HAPROXY, ['-f', config, '-db']);
    void balancer.exited.then(() => { if (balancer.process.signalCode !== 'SIGKILL') console.warn(`haproxy exited: ${balancer.output.join(' | ')}`); });
    await until('the balancer answering for Zhejiang', () => answers(url('lb', portOf(ZJ), '/health/ready')));
    await until('the balancer answering for the gateways', () => answers(url('lb', GATEWAY_PORT, '/health/live')));
  }, 100_000);

  afterAll(async () => {
    try {
      await load?.stop();
      await Promise.all(Object.values(subscribers).map((s) => s.close().catch(() => undefined)));
    } finally {
      // Every process on the hosts (services, HAProxy, the database server) killed, then the namespaces deleted.
      await net?.removeAll();
      await database?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('gives the hosts no route beyond the test network', async () => {
    for (const host of net.hosts) {
      const routes = (await net.routes(host.name)).split('\n').filter(Boolean);
      expect(routes.filter((r) => r.startsWith('default'))).toEqual([]);
      // Only the test's /24 and the host's own loopback.
      expect(routes.filter((r) => !r.includes(`${net.subnet}.`) && !/\b127\./.test(r))).toEqual([]);
    }
  });

  it('answers right through either gateway and the balancer, as each province answers on its own host', async () => {
    expected = Object.fromEntries(await Promise.all(services.map(async (s) => {
      const own = await post(url(hostsOf(s.code)[0], portOf(s.code)), `{ ${field(s.code)} { ports(first: 100) { nodes { code } } } }`, {}, analyst);
      expect(own.errors).toBeUndefined();
      return [s.code, own.data?.[field(s.code)]] as const;
    }))) as Expected;
    // The second replica answers as the first: one database.
    const second = await post(url('zj2', portOf(ZJ)), `{ ${field(ZJ)} { ports(first: 100) { nodes { code } } } }`, {}, analyst);
    expect(second.data?.[field(ZJ)]).toEqual(expected[ZJ]);
    for (const s of services) expect(expected[s.code].ports.nodes.length).toBeGreaterThan(0);
    for (const entry of [url('gw1', GATEWAY_PORT), url('gw2', GATEWAY_PORT), balancerUrl()]) {
      expect(classify(await post(entry, CROSS, {}, partner), expected)).toEqual({ outcome: 'full' });
    }
    // A subscriber on each gateway, over the network, from the cursor the load starts at.
    startCursor = (await post(balancerUrl(), '{ changeCursor }', {}, partner)).data?.changeCursor as string;
    expect(typeof startCursor).toBe('string');
    for (const gw of ['gw1', 'gw2']) subscribers[gw] = subscribe(url(gw, GATEWAY_PORT), CHANGES, { after: startCursor }, { headers: partner });
    load = startLoad(balancerUrl(), expected);
    at.loadStarted = Date.now();
    await sleep(3000);
    const baseline = load.reads.filter((r) => r.start >= at.loadStarted);
    expect(baseline.filter((r) => r.outcome !== 'full')).toEqual([]);
    expect(baseline.length).toBeGreaterThan(5);
    expect(load.writes.filter((w) => !w.ok)).toEqual([]);
  }, 30_000);

  it('answers for Zhejiang through the other replica when one is killed, and never fails the others', async () => {
    const running = load!;
    at.killed = Date.now();
    await onHost.zj1.kill('SIGKILL');
    await sleep(4000);
    // Zhejiang answered while zj1 was down: five full reads in a row and a write, through zj2.
    const recovered = recovery(running, at.killed).ms;
    figures.zhejiangBackAfterKillMs = recovered;
    figures.zhejiangPartialDuringKill = running.reads.filter((r) => r.start >= at.killed && r.outcome === 'partial').length;
    expect(recovered).toBeLessThan(4000);
    onHost.zj1 = await net.startService('zj1', join(REPO_ROOT, 'shared/province/dist/bin/province.js'),
      [join(REPO_ROOT, 'subgraphs', ZJ.toLowerCase())], provinceEnv(ZJ));
    // Checked every 500 ms, it is up again at the first success.
    await until('zj1 ready', () => answers(url('zj1', portOf(ZJ), '/health/ready')));
    await sleep(1500);
    at.restarted = Date.now();
    expect(running.reads.filter((r) => r.outcome === 'wrong')).toEqual([]);
    expect(running.writes.filter((w) => w.province !== ZJ && !w.ok)).toEqual([]);
  }, 45_000);

  it('answers with the others and an error naming Zhejiang while the Zhejiang hosts are cut off', async () => {
    const running = load!;
    await net.cut('zj1');
    await net.cut('zj2');
    at.cut = Date.now();
    await sleep(5000);
    at.restoring = Date.now();
    // Asked once both links were down and answered before they came back.
    const during = running.reads.filter((r) => r.start >= at.cut && r.end <= at.restoring);
    figures.answeredDuringCut = during.length;
    figures.partialDuringCut = during.filter((r) => r.outcome === 'partial').length;
    figures.cutMs = at.restoring - at.cut;
    // A gateway answering from its fetch cache sends Zhejiang nothing: it learns of the cut from its reachability
    // watch (twice a second, half a second's timeout), and until then may answer in full from what it kept.
    const noticed = at.cut + CUT_NOTICED_WITHIN_MS;
    figures.fullFromCacheDuringCut = during.filter((r) => r.outcome === 'full').length;
    expect(during.filter((r) => r.outcome === 'wrong')).toEqual([]);
    expect(during.filter((r) => r.start >= noticed && r.outcome !== 'partial')).toEqual([]);
    expect(during.length).toBeGreaterThanOrEqual(10);
    const writesDuring = running.writes.filter((w) => w.start >= at.cut && w.end <= at.restoring);
    expect(writesDuring.filter((w) => w.province !== ZJ && !w.ok)).toEqual([]);
    expect(writesDuring.filter((w) => w.province === ZJ && w.ok)).toEqual([]);
    expect(writesDuring.filter((w) => w.province !== ZJ).length).toBeGreaterThan(0);
  }, 30_000);

  it('answers for Zhejiang again within 5 s of the link returning', async () => {
    const running = load!;
    await net.restore('zj1');
    await net.restore('zj2');
    at.restored = Date.now();
    await until('Zhejiang answering again', async () => recovery(running, at.restored).ms < Infinity, 8000).catch(() => undefined);
    const { ms, readsMs, writeMs } = recovery(running, at.restored);
    Object.assign(figures, { recoveryMs: ms, recoveryReadsMs: readsMs, recoveryWriteMs: writeMs });
    expect(ms).toBeLessThan(5000);
    // The others never failed, before, during or after.
    expect(running.reads.filter((r) => r.outcome === 'wrong')).toEqual([]);
    expect(running.writes.filter((w) => w.province !== ZJ && !w.ok)).toEqual([]);
  }, 30_000);

  it('delivers every change once, in order, to a subscriber on either gateway', async () => {
    const running = load!;
    await sleep(1000);
    await running.stop();
    load = null;
    figures.reads = running.reads.length;
    figures.writesConfirmed = running.confirmed.length;
    // The cursor now, asked until it answers (5 s): just after the cut the region may still find Zhejiang's feed
    // unavailable for one ask (seen: one SUBGRAPH_UNAVAILABLE, then the cursor), as a partner system would retry.
    let endCursor: string | undefined;
    const refusals: unknown[] = [];
    for (const deadline = Date.now() + 5000; !endCursor && Date.now() < deadline; await sleep(100)) {
      const answer = await post(balancerUrl(), '{ changeCursor }', {}, partner).catch((error: unknown) => ({ errors: [String(error)] }));
      endCursor = (answer as Answer).data?.changeCursor as string | undefined;
      if (!endCursor) refusals.push((answer as Answer).errors);
    }
    if (refusals.length) console.log(`the end cursor took ${refusals.length + 1} asks: ${JSON.stringify(refusals.slice(0, 2))}`);
    if (!endCursor) throw new Error(`no change cursor within 5 s: ${JSON.stringify(refusals.slice(-1))}`);
    const from = decodeRegionalCursor(startCursor, registry.codes);
    const to = decodeRegionalCursor(endCursor, registry.codes);
    // What each province's outbox holds between the two cursors, read from its own database.
    const outbox = Object.fromEntries(await Promise.all(WRITTEN.map(async (p) => [p, await outboxIds(p, from[p], to[p])] as const)));
    const expectedIds = WRITTEN.flatMap((p) => outbox[p].map((id) => `${p}:${id}`));
    expect(expectedIds.length).toBeGreaterThanOrEqual(running.confirmed.length);
    type Change = { id: string; cursor: string; province: string; recordId: string };
    const changes = (received: Received[]) => received.map((r) => (r.data as { changes: Change }).changes);
    const delivered: Record<string, number> = {};
    for (const [gw, sub] of Object.entries(subscribers)) {
      await sub.waitFor(expectedIds.length, 20_000).catch((error: unknown) => {
        // Say whether the gateway still runs and what it said last: a dropped subscription was seen once in CI.
        const host = onHost[gw];
        throw new Error(`${gw}'s subscriber: ${String(error)}; ${gw} ${host.process.exitCode ?? host.process.signalCode ?? 'still running'}, `
          + `its last lines: ${host.output.slice(-5).join(' | ')}`);
      });
      await sleep(500);
      expect(sub.received.filter((r) => r.errors)).toEqual([]);
      const events = changes(sub.received);
      // Exactly the outbox's changes: none lost, none twice, each province's in its commit order.
      expect(events).toHaveLength(expectedIds.length);
      for (const p of WRITTEN) {
        const own = events.filter((e) => e.province === p);
        expect(own.map((e) => e.id)).toEqual(outbox[p].map((id) => `${p}:${id}`));
        expect(own.map((e) => decodeRegionalCursor(e.cursor, registry.codes)[p])).toEqual(outbox[p]);
      }
      expect(events.map((e) => e.recordId)).toEqual(expect.arrayContaining(running.confirmed));
      delivered[gw] = events.length;
    }
    figures.eventsDelivered = delivered;
    console.log(`network figures: ${JSON.stringify(figures)}`);
  }, 60_000);

  /** The outbox ids of `province` in (from, to], from its database: the private server, or its SQLite file. */
  function outboxIds(province: string, from: number, to: number): Promise<number[]> {
    const name = `${PREFIX}${province.toLowerCase()}`;
    return outboxPositions(database
      ? { type: 'mariadb', host: net.host('db').address, port: MARIADB_PORT, username: 'root', database: name }
      : { type: 'better-sqlite3', database: join(dataDir, `${name}.sqlite`), readonly: true }, from, to);
  }

});
