import { DelegatedTokens, authConfigFrom } from '@yrd/service';
import { WebhookEndpointRow } from '@yrd/subgraph-webhooks';
import {
  bearer, eventually, officeOf, partner, startStack, startWebhookReceiver, startWebhooksProcess, subscribe, testToken,
  type ChildService, type TestStack, type WebhookReceiver,
} from '../harness';

const REGISTER = `mutation ($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { secret webhook { id status cursor url } }
}`;
/** A route subscription whose payload has fields of the region (the event), Zhejiang (the route) and Shanghai (its destination). */
const ROUTES = `subscription Routes($provinces: [Province!]) {
  routeChanged(provinces: $provinces) {
    id province kind changedFields
    record { ... on Route { __typename id carrier status origin { code nameEn } destination { __typename code province nameEn openingStatus } } }
  }
}`;
const UPSERT_ROUTE = `mutation ($input: RouteInput!) { zhejiang { upsertRoute(input: $input) { route { id } changeCursor } } }`;
const DELIVERIES = `query ($endpoint: ID!, $status: WebhookDeliveryStatus) {
  webhookDeliveries(endpoint: $endpoint, status: $status, first: 100) {
    totalCount nodes { id status attemptCount attempts { outcome httpStatus durationMs } }
  }
}`;
/** Fast retries for tests; production's default is 5s, 5m, 30m, 2h, 5h, 10h. */
const FAST_RETRIES = '1s,2s,3s';

let routeNumber = 0;
/** A new Zhejiang route to Shanghai: one CREATED change event. */
async function newRoute(stack: TestStack): Promise<string> {
  const id = `ZJ-WH-R${++routeNumber}`;
  const res = await stack.gql(UPSERT_ROUTE, {
    input: { id, mode: 'SEA', carrier: 'COSCO Shipping Lines', originPortCode: 'CNNBO', destinationPortCode: 'CNSGH', weeklyFrequency: 2, status: 'OPERATING' },
  }, officeOf('ZHEJIANG'));
  expect(res.errors).toBeUndefined();
  return id;
}

type Registered = { id: string; secret: string; path: string };

/** Polls an asynchronous condition every 50 ms until it holds; fails after `timeoutMs`. */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhooks: a subscription delivered by signed POST', () => {
  let stack: TestStack;
  let receiver: WebhookReceiver;
  const workers: ChildService[] = [];
  const startWorker = async (env: Record<string, string> = {}) => {
    const worker = await startWebhooksProcess(stack.database, {
      GATEWAY_URL: stack.gatewayUrl, REGION_URL: stack.regionUrl, WEBHOOK_RETRY_SCHEDULE: FAST_RETRIES, LOG_LEVEL: 'warn', ...env,
    });
    workers.push(worker);
    return worker;
  };
  const register = async (path: string, headers = partner, extra: Record<string, unknown> = {}): Promise<Registered> => {
    const res = await stack.gql(REGISTER, { input: { url: receiver.url(path), query: ROUTES, variables: { provinces: ['ZHEJIANG'] }, ...extra } }, headers);
    expect(res.errors).toBeUndefined();
    const { secret, webhook } = (res.data as { registerWebhook: { secret: string; webhook: { id: string } } }).registerWebhook;
    receiver.trust(path, [secret]);
    return { id: webhook.id, secret, path };
  };
  const endpoints = () => stack.webhooks.database.dataSource.getRepository(WebhookEndpointRow);

  beforeAll(async () => {
    stack = await startStack();
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    receiver.answer = () => ({ status: 204 });
    // Each test's endpoints only: the next test's workers start with none of them.
    await endpoints().clear();
  });
  afterAll(async () => {
    await receiver.close();
    await stack.stop();
  });

  it('delivers each change once, signed, with the payload a WebSocket subscriber of the same subscription gets', async () => {
    const hook = await register('/routes');
    // The same subscription over a WebSocket, from the same cursor: what the webhook must deliver, event for event.
    const [endpoint] = await endpoints().findBy({ id: hook.id });
    const live = subscribe(stack.gatewayWsUrl, ROUTES.replace('$provinces: [Province!]', '$provinces: [Province!], $after: String')
      .replace('routeChanged(provinces: $provinces)', 'routeChanged(provinces: $provinces, after: $after)'),
    { provinces: ['ZHEJIANG'], after: endpoint.cursor }, { headers: partner });
    const worker = await startWorker();
    const routes = [await newRoute(stack), await newRoute(stack), await newRoute(stack)];
    const expected = await live.waitFor(3, 15_000);
    await live.close();
    await eventually(() => receiver.accepted('/routes').length >= 3, 20_000, 'three deliveries');
    const accepted = receiver.accepted('/routes');
    expect(accepted.map((a) => a.payload)).toEqual(expected);
    expect(accepted.map((a) => (a.payload as { data: { routeChanged: { record: { id: string } } } }).data.routeChanged.record.id)).toEqual(routes);
    const [first] = accepted.map((a) => (a.payload as { data: { routeChanged: Record<string, unknown> } }).data.routeChanged);
    expect(first).toMatchObject({ province: 'ZHEJIANG', kind: 'CREATED', record: { __typename: 'ZhejiangRoute', destination: { province: 'SHANGHAI', code: 'CNSGH', openingStatus: expect.any(String) } } });
    expect(first).not.toHaveProperty('_webhookCursor');
    // Once each: three ids, no request beyond them; every one verified with the secret registration showed.
    expect(new Set(accepted.map((a) => a.id)).size).toBe(3);
    expect(receiver.received.filter((r) => r.path === '/routes')).toHaveLength(3);
    expect(receiver.received.filter((r) => r.path === '/routes').every((r) => r.verifiedWith.includes(0))).toBe(true);
    // The owner sees each delivery and its attempt; the endpoint's cursor has moved past the last.
    const log = await stack.gql(DELIVERIES, { endpoint: hook.id }, partner);
    expect(log.errors).toBeUndefined();
    const page = (log.data as { webhookDeliveries: { totalCount: number; nodes: { id: string; status: string; attemptCount: number; attempts: { outcome: string; httpStatus: number }[] }[] } }).webhookDeliveries;
    expect(page.totalCount).toBe(3);
    expect(page.nodes.map((n) => n.id).sort()).toEqual(accepted.map((a) => a.id).sort());
    expect(page.nodes.every((n) => n.status === 'DELIVERED' && n.attemptCount === 1 && n.attempts[0].httpStatus === 204)).toBe(true);
    // The worker's figures count the same three deliveries, each with its lag from commit to receipt.
    const metrics = await (await fetch(worker.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toContain('yrd_webhook_deliveries_total{outcome="DELIVERED"} 3');
    expect(metrics).toContain('yrd_webhook_attempts_total{outcome="DELIVERED"} 3');
    expect(metrics).toContain('yrd_webhook_delivery_lag_seconds_count 3');
    expect(metrics).toMatch(new RegExp(`yrd_webhook_endpoint_lag_seconds\\{endpoint="${hook.id}"\\} \\d`));
    // Paged newest first, both ways, with cursors of this list only.
    const PAGE = `query ($endpoint: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      webhookDeliveries(endpoint: $endpoint, first: $first, after: $after, last: $last, before: $before) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } }
    }`;
    type Page = { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string; startCursor: string } };
    const pageOf = async (variables: Record<string, unknown>) => {
      const res = await stack.gql(PAGE, { endpoint: hook.id, ...variables }, partner);
      expect(res.errors).toBeUndefined();
      return (res.data as { webhookDeliveries: Page }).webhookDeliveries;
    };
    const newestFirst = (await pageOf({ first: 3 })).nodes.map((n) => n.id);
    const one = await pageOf({ first: 2 });
    expect(one).toMatchObject({ nodes: newestFirst.slice(0, 2).map((id) => ({ id })), pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const two = await pageOf({ first: 2, after: one.pageInfo.endCursor });
    expect(two).toMatchObject({ nodes: [{ id: newestFirst[2] }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const back = await pageOf({ last: 2, before: two.pageInfo.startCursor });
    expect(back).toMatchObject({ nodes: newestFirst.slice(0, 2).map((id) => ({ id })), pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const foreign = await stack.gql(PAGE, { endpoint: hook.id, after: Buffer.from('["ports","ZHEJIANG","x","y"]').toString('base64url') }, partner);
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('delivers every event in order after the receiver refused connections, then answered 500, for 30 s', async () => {
    const hook = await register('/outage');
    const statuses = subscribe(stack.gatewayWsUrl, 'subscription { webhookStatusChanged { id status statusReason } }', {}, { headers: partner });
    await startWorker();
    await newRoute(stack);
    await eventually(() => receiver.accepted('/outage').length === 1, 20_000, 'the first delivery');
    await receiver.refuse();
    const written: string[] = [];
    const started = Date.now();
    let refusing = true;
    // Refusing for 15 s, then answering 500 for 15 s, with a change every 3 s throughout.
    while (Date.now() - started < 30_000) {
      if (refusing && Date.now() - started >= 15_000) {
        receiver.answer = () => ({ status: 500 });
        await receiver.accept();
        refusing = false;
      }
      written.push(await newRoute(stack));
      await new Promise((r) => setTimeout(r, 3000));
    }
    expect((await endpoints().findOneByOrFail({ id: hook.id })).status).toBe('FAILING');
    receiver.answer = () => ({ status: 204 });
    await eventually(() => receiver.accepted('/outage').length >= written.length + 1, 30_000, 'every event after the outage');
    const accepted = receiver.accepted('/outage');
    const routeIds = accepted.map((a) => (a.payload as { data: { routeChanged: { record: { id: string } } } }).data.routeChanged.record.id);
    // Every event, in order, each accepted once; a retry carries its event's webhook-id and the same bytes.
    expect(routeIds.slice(1)).toEqual(written);
    expect(new Set(accepted.map((a) => a.id)).size).toBe(accepted.length);
    const bodies = new Map<string, string>();
    for (const r of receiver.received.filter((d) => d.path === '/outage')) {
      expect(bodies.get(r.id) ?? r.body).toBe(r.body);
      bodies.set(r.id, r.body);
    }
    expect(receiver.received.filter((d) => d.path === '/outage' && d.status === 500).length).toBeGreaterThan(0);
    // Every retry carried its event's id: as many ids among all the requests as events.
    expect(new Set(receiver.received.filter((d) => d.path === '/outage').map((d) => d.id)).size).toBe(accepted.length);
    expect((await endpoints().findOneByOrFail({ id: hook.id })).status).toBe('ACTIVE');
    // The owner heard the webhook fail and recover.
    await eventually(() => statuses.received.length >= 2, 5000, 'two status changes');
    await statuses.close();
    expect(statuses.received.map((r) => (r.data as { webhookStatusChanged: { id: string; status: string } }).webhookStatusChanged))
      .toEqual([{ id: hook.id, status: 'FAILING', statusReason: expect.any(String) }, { id: hook.id, status: 'ACTIVE', statusReason: null }]);
  }, 120_000);

  it('re-sends the event in flight under the same webhook-id when the worker is killed with kill -9, and loses none', async () => {
    const hook = await register('/killed');
    const worker = await startWorker();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    receiver.answer = (d) => (d.path === '/killed' && receiver.received.filter((r) => r.path === '/killed').length === 1 ? { status: 204, hold: held } : { status: 204 });
    const routes = [await newRoute(stack), await newRoute(stack)];
    await eventually(() => receiver.received.some((r) => r.path === '/killed'), 20_000, 'the first delivery in flight');
    await worker.kill();
    // Answered only once the receiver saw the connection go: the killed worker never hears it.
    await eventually(() => receiver.received.filter((r) => r.path === '/killed')[0].dropped, 5000, 'the connection dropped');
    release();
    await startWorker();
    routes.push(await newRoute(stack));
    await eventually(() => new Set(receiver.accepted('/killed').map((a) => a.id)).size >= 3, 30_000, 'every event after the restart');
    const received = receiver.received.filter((r) => r.path === '/killed');
    const accepted = receiver.accepted('/killed');
    const routeOf = (body: string) => (JSON.parse(body) as { data: { routeChanged: { record: { id: string } } } }).data.routeChanged.record.id;
    // The one in flight came again with its webhook-id; the receiver, dropping duplicates by id, has each once.
    expect(received[0].id).toBe(received[1].id);
    const unique = [...new Map(accepted.map((a) => [a.id, a])).values()];
    expect(unique.map((a) => routeOf(JSON.stringify(a.payload)))).toEqual(routes);
    expect(received.map((r) => r.id).filter((id, i, all) => all.indexOf(id) !== i)).toEqual([received[0].id]);
    expect(received[0]).toMatchObject({ status: null, dropped: true });
    expect((await endpoints().findOneByOrFail({ id: hook.id })).status).toBe('ACTIVE');
  }, 90_000);

  it('runs two workers with each endpoint delivered by one at a time, and hands a killed one\'s endpoints to the other', async () => {
    const hooks = await Promise.all(['/pair-1', '/pair-2', '/pair-3', '/pair-4'].map((p) => register(p, bearer(testToken({ sub: `partner${p}`, role: 'partner' })))));
    receiver.answer = () => ({ status: 204, hold: new Promise((r) => setTimeout(r, 100)) });
    // The first worker takes two endpoints at most, the second the rest.
    const a = await startWorker({ WEBHOOK_MAX_ENDPOINTS: '2' });
    const holders = async () => (await endpoints().findBy({})).filter((e) => hooks.some((h) => h.id === e.id)).map((e) => e.leaseHolder);
    await until(async () => (await holders()).filter(Boolean).length === 2, 10_000, 'the first worker holding two');
    await startWorker();
    const routes = [await newRoute(stack), await newRoute(stack)];
    await eventually(() => hooks.every((h) => receiver.accepted(h.path).length >= 2), 30_000, 'every endpoint delivered');
    const before = await holders();
    expect(new Set(before).size).toBe(2);
    expect(before.filter((h) => h === before[0])).toHaveLength(2);
    await a.kill();
    routes.push(await newRoute(stack));
    // Counted by webhook-id: an event the killed worker sent but could not record comes again from the other.
    await eventually(() => hooks.every((h) => new Set(receiver.accepted(h.path).map((x) => x.id)).size >= 3), 30_000, 'every endpoint delivered after the kill');
    for (const hook of hooks) {
      expect(receiver.maxInFlight(hook.path)).toBe(1);
      const unique = [...new Set(receiver.accepted(hook.path).map((x) => x.id))];
      expect(unique).toHaveLength(3);
    }
    expect(new Set(await holders()).size).toBe(1);
  }, 90_000);

  it('signs with the old secret beside the new one during a rotation\'s grace period, and with the new one only after', async () => {
    const hook = await register('/rotated');
    await startWorker();
    const rotate = async (minutes: number) => {
      const res = await stack.gql(`mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret webhook { previousSecretExpiresAt } } }`,
        { input: { id: hook.id, gracePeriodMinutes: minutes } }, partner);
      expect(res.errors).toBeUndefined();
      return (res.data as { rotateWebhookSecret: { secret: string; webhook: { previousSecretExpiresAt: string | null } } }).rotateWebhookSecret;
    };
    const rotated = await rotate(60);
    expect(Date.parse(rotated.webhook.previousSecretExpiresAt ?? '')).toBeGreaterThan(Date.now());
    receiver.trust('/rotated', [hook.secret, rotated.secret]);
    await newRoute(stack);
    await eventually(() => receiver.accepted('/rotated').length === 1, 20_000, 'a delivery after the rotation');
    expect(receiver.received.filter((r) => r.path === '/rotated')[0].verifiedWith).toEqual([0, 1]);
    const again = await rotate(0);
    expect(again.webhook.previousSecretExpiresAt).toBeNull();
    receiver.trust('/rotated', [hook.secret, rotated.secret, again.secret]);
    await newRoute(stack);
    await eventually(() => receiver.accepted('/rotated').length === 2, 20_000, 'a delivery after the second rotation');
    expect(receiver.received.filter((r) => r.path === '/rotated')[1].verifiedWith).toEqual([2]);
  }, 60_000);

  it('holds events while paused and sends them in order on resume, replays under new ids, stops on 410 Gone, and deletes', async () => {
    const hook = await register('/lifecycle');
    const call = async (mutation: string, input: Record<string, unknown>, select = 'webhook { status cursor }') => {
      const res = await stack.gql(`mutation ($input: ${mutation === 'replayWebhook' ? 'ReplayWebhookInput' : 'WebhookIdInput'}!) { ${mutation}(input: $input) { ${select} } }`, { input: { id: hook.id, ...input } }, partner);
      expect(res.errors).toBeUndefined();
      return (res.data as Record<string, { webhook: { status: string; cursor: string } }>)[mutation];
    };
    await startWorker();
    const routeOf = (payload: unknown) => (payload as { data: { routeChanged: { record: { id: string } } } }).data.routeChanged.record.id;
    const first = await newRoute(stack);
    const registeredAt = (await endpoints().findOneByOrFail({ id: hook.id })).cursor;
    await eventually(() => receiver.accepted('/lifecycle').length === 1, 20_000, 'the first delivery');
    // The cursor moves once the 2xx is recorded, a moment after the receiver answered.
    await until(async () => (await endpoints().findOneByOrFail({ id: hook.id })).cursor !== registeredAt, 5000, 'the cursor past the first event');
    const startCursor = (await endpoints().findOneByOrFail({ id: hook.id })).cursor;
    expect((await call('pauseWebhook', {})).webhook.status).toBe('PAUSED');
    const held = [await newRoute(stack), await newRoute(stack)];
    await new Promise((r) => setTimeout(r, 3000));
    expect(receiver.accepted('/lifecycle')).toHaveLength(1);
    expect((await call('resumeWebhook', {})).webhook.status).toBe('ACTIVE');
    await eventually(() => receiver.accepted('/lifecycle').length === 3, 20_000, 'the held events after resuming');
    expect(receiver.accepted('/lifecycle').map((a) => routeOf(a.payload))).toEqual([first, ...held]);
    // A replay from the cursor after the first event: the two after it again, under new webhook-ids.
    await call('replayWebhook', { after: startCursor });
    await eventually(() => receiver.accepted('/lifecycle').length === 5, 20_000, 'the replayed events');
    const accepted = receiver.accepted('/lifecycle');
    expect(accepted.slice(3).map((a) => routeOf(a.payload))).toEqual(held);
    expect(new Set(accepted.map((a) => a.id)).size).toBe(5);
    // 410 Gone: disabled at once, the event kept for a resume.
    receiver.answer = () => ({ status: 410 });
    const gone = await newRoute(stack);
    await until(async () => (await endpoints().findOneByOrFail({ id: hook.id })).status === 'DISABLED', 20_000, 'disabled on 410');
    expect((await endpoints().findOneByOrFail({ id: hook.id })).statusReason).toMatch(/410 Gone/);
    const log = await stack.gql(DELIVERIES, { endpoint: hook.id, status: 'FAILED' }, partner);
    expect((log.data as { webhookDeliveries: { nodes: { attempts: { outcome: string; httpStatus: number }[] }[] } }).webhookDeliveries.nodes
      .some((n) => n.attempts.some((a) => a.outcome === 'GONE' && a.httpStatus === 410))).toBe(true);
    expect(receiver.received.filter((r) => r.path === '/lifecycle' && r.status === 410).map((r) => routeOf(JSON.parse(r.body)))).toEqual([gone]);
    // Deleted: it and its deliveries are gone.
    const deleted = await stack.gql('mutation ($input: WebhookIdInput!) { deleteWebhook(input: $input) { id } }', { input: { id: hook.id } }, partner);
    expect(deleted.data).toEqual({ deleteWebhook: { id: hook.id } });
    expect(await endpoints().countBy({ id: hook.id })).toBe(0);
    const [{ n }] = await stack.webhooks.database.dataSource.query('SELECT COUNT(*) AS n FROM webhook_delivery WHERE endpoint_id = ?', [hook.id]) as { n: number | string }[];
    expect(Number(n)).toBe(0);
  }, 90_000);

  it('refuses a private or metadata address, credentials, a bad subscription, an analyst, and another subject\'s webhook', async () => {
    const refused = async (input: Record<string, unknown>, headers = partner) => {
      const res = await stack.gql(REGISTER, { input: { url: 'https://partner.example/hook', query: ROUTES, ...input } }, headers);
      expect(res.data).toEqual({ registerWebhook: null });
      return res.errors?.[0];
    };
    for (const url of ['http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:9/hook', 'http://192.168.1.1/hook']) {
      expect(await refused({ url })).toMatchObject({ message: expect.stringMatching(/loopback, private, link-local or metadata/), extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect((await refused({ url: 'https://user:pw@partner.example/hook' }))?.message).toMatch(/credentials/);
    expect((await refused({ query: '{ ports { totalCount } }' }))?.message).toMatch(/must be a subscription/);
    expect((await refused({ query: 'subscription { routeChanged { nope } }' }))?.message).toMatch(/Cannot query field "nope"/);
    expect((await refused({ after: 'not-a-cursor' }))?.extensions?.code).toBe('BAD_USER_INPUT');
    // Bounded before any parse: a padded document, and variables past what a webhook keeps.
    expect((await refused({ query: `${ROUTES}${' '.repeat(20_001)}` }))?.message).toMatch(/query: must be at most 20000 characters/);
    expect((await refused({ variables: { provinces: ['ZHEJIANG'], pad: 'x'.repeat(20_001) } }))?.message).toMatch(/variables: must be at most 20000 characters/);
    expect((await refused({ after: 'c'.repeat(5000) }))?.message).toMatch(/after: must be at most 4096 characters/);
    expect((await refused({}, bearer(testToken({ sub: 'analyst', role: 'analyst' }))))?.extensions?.code).toBe('FORBIDDEN');
    // Another subject's webhook: not listed, not readable, not changeable, as if it did not exist.
    const mine = await register('/mine');
    const other = bearer(testToken({ sub: 'someone-else', role: 'partner' }));
    const theirs = await stack.gql(`{ webhooks { totalCount nodes { id } } webhook(id: "${mine.id}") { id } }`, {}, other);
    expect(theirs.data).toEqual({ webhooks: { totalCount: 0, nodes: [] }, webhook: null });
    const ours = await stack.gql('{ webhooks { totalCount nodes { id } } }', {}, partner);
    expect(ours.data).toEqual({ webhooks: { totalCount: 1, nodes: [{ id: mine.id }] } });
    for (const mutation of ['pauseWebhook', 'deleteWebhook', 'resumeWebhook']) {
      const res = await stack.gql(`mutation ($input: WebhookIdInput!) { ${mutation}(input: $input) { __typename } }`, { input: { id: mine.id } }, other);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    }
    const log = await stack.gql(DELIVERIES, { endpoint: mine.id }, other);
    expect(log.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await endpoints().findOneByOrFail({ id: mine.id })).toMatchObject({ status: 'ACTIVE', version: 1 });
  });

  it('refuses http in production', async () => {
    const production = await startStack({ webhooksOutbound: { production: true, allowedHosts: new Set() } });
    try {
      const res = await production.gql(REGISTER, { input: { url: 'http://partner.example/hook', query: ROUTES } }, partner);
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/url: must be https/), extensions: { code: 'BAD_USER_INPUT' } });
    } finally {
      await production.stop();
    }
  });

  it('reads as the owner and never writes: a delivery\'s token for an office is refused a write', async () => {
    const tokens = new DelegatedTokens(authConfigFrom(process.env, stack.database.dataDir));
    const delegated = bearer(await tokens.issue({ subject: 'clerk@zhejiang', role: 'office', province: 'ZHEJIANG' }));
    const read = await stack.gql('{ viewer { subject role } }', {}, delegated);
    expect(read.errors).toBeUndefined();
    const res = await stack.gql(UPSERT_ROUTE, {
      input: { id: 'ZJ-WH-FORGED', mode: 'SEA', carrier: 'X', originPortCode: 'CNNBO', destinationPortCode: 'CNSGH', weeklyFrequency: 1, status: 'OPERATING' },
    }, delegated);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const register = await stack.gql(REGISTER, { input: { url: receiver.url('/forged'), query: ROUTES } }, delegated);
    expect(register.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
