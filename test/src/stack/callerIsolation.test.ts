import { connect } from 'node:net';
import { MAX_SUBSCRIPTIONS_PER_SUBJECT } from '@yrd/gateway';
import { MAX_OPERATIONS_PER_CONNECTION } from '@yrd/service';
import { analyst, eventually, officeOf, startStack, subscribe, testToken, webSocketClient, type TestStack } from '../harness';

/**
 * Attacks by an ordinary analyst that used to hurt everyone else (issue 15), through the gateway as deployed (the
 * default limits and breaker, introspection off): each must cost its caller an error and no one else anything.
 */
describe('no caller can hurt another', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack({ gateway: { introspection: false } }); });
  afterAll(() => stack.stop());

  it('never lets one caller\'s oversized variables open a province\'s breaker for the others', async () => {
    // 190,000 copies of 1e20: 950 KB, within the gateway's 1 MiB, but re-serialised as ID strings ("100000000000000000000")
    // larger than the province's limit. Each refusal is this caller's; Zhejiang stays up for everyone.
    const codes = `[${Array(190_000).fill('1e20').join(',')}]`;
    const body = `{"query":"query ($codes: [ID!]) { zhejiang { ports(filter: { portCodes: $codes }) { totalCount } } }","variables":{"codes":${codes}}}`;
    expect(body.length).toBeLessThan(1024 * 1024);
    const attacker = { ...analyst, 'content-type': 'application/json' };
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${stack.gatewayUrl}`, { method: 'POST', headers: attacker, body });
      const answer = await res.json() as { errors?: { extensions?: { code?: string } }[] };
      expect(answer.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
    }
    const other = await stack.gql('{ zhejiang { province ports(first: 1) { totalCount } } }', {}, { authorization: `Bearer ${testToken({ role: 'analyst', sub: 'someone-else' })}` });
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual({ zhejiang: { province: 'ZHEJIANG', ports: { totalCount: expect.any(Number) } } });
  });

  it(`runs at most ${MAX_OPERATIONS_PER_CONNECTION} operations on one WebSocket connection, and another once one ends`, async () => {
    const client = webSocketClient(stack.gatewayUrl, analyst);
    const errors: unknown[][] = [];
    const subscribeOnce = () => client.subscribe({ query: 'subscription { changes(provinces: [ZHEJIANG]) { id } }' },
      { next: () => undefined, error: (e) => errors.push(Array.isArray(e) ? e : [e]), complete: () => undefined });
    try {
      const stops = Array.from({ length: MAX_OPERATIONS_PER_CONNECTION }, subscribeOnce);
      const refused = subscribeOnce();
      await eventually(() => errors.length === 1, 5000, 'the refusal of one operation too many');
      expect(errors[0]).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_OPERATIONS' } })]);
      refused();
      stops[0]();
      // One ended: the next is admitted (its error would arrive as quickly as the refusal above did).
      const admitted = subscribeOnce();
      const health = await stack.gql('{ viewer { role } }');
      expect(health.errors).toBeUndefined();
      expect(errors).toHaveLength(1);
      admitted();
      for (const stop of stops.slice(1)) stop();
    } finally {
      await client.dispose();
    }
  });

  it(`holds at most ${MAX_SUBSCRIPTIONS_PER_SUBJECT} subscriptions of one subject across its connections, others unaffected`, async () => {
    const PER_CONNECTION = MAX_OPERATIONS_PER_CONNECTION;
    const holder = { authorization: `Bearer ${testToken({ role: 'partner', sub: 'partner-many' })}` };
    const connections = Array.from({ length: Math.ceil(MAX_SUBSCRIPTIONS_PER_SUBJECT / PER_CONNECTION) + 1 }, () => webSocketClient(stack.gatewayUrl, holder));
    const refusals: unknown[] = [];
    const open = (client: ReturnType<typeof webSocketClient>, onRefusal: (e: unknown) => void) => {
      let first = true;
      return client.subscribe({ query: 'subscription { changes(provinces: [JIANGSU]) { id } }' }, {
        next: (result) => { if (first && result.errors) onRefusal(result.errors); first = false; },
        error: (e) => onRefusal(e), complete: () => undefined,
      });
    };
    try {
      const stops = Array.from({ length: MAX_SUBSCRIPTIONS_PER_SUBJECT }, (_, i) => open(connections[Math.floor(i / PER_CONNECTION)], (e) => refusals.push(e)));
      const extra = open(connections[connections.length - 1], (e) => refusals.push(e));
      await eventually(() => refusals.length === 1, 10_000, 'the refusal of the subject\'s subscription too many');
      expect(refusals[0]).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_OPERATIONS' } })]);
      extra();
      // Another subject subscribes as usual.
      const { changeCursor } = (await stack.gql('{ changeCursor }')).data as { changeCursor: string };
      const other = subscribe(stack.gatewayUrl, 'subscription ($after: String) { changes(provinces: [JIANGSU], after: $after) { id } }',
        { after: changeCursor }, { headers: analyst });
      const write = await stack.gql(`mutation { jiangsu { recordClearanceCapacity(input: { portCode: "CNTAC", agency: MARITIME, period: "2031-01", clearance24x7: true }) { changeCursor } } }`, {}, officeOf('JIANGSU'));
      expect(write.errors).toBeUndefined();
      await other.waitFor(1);
      await other.close();
      for (const stop of stops) stop();
      expect(refusals).toHaveLength(1);
      // The ended subscriptions give their slots back (their completions travel on): the same subject is admitted again
      // within a bounded number of tries, and receives the change.
      let again = null;
      for (let tries = 0; tries < 50 && !again; tries++) {
        const attempt = subscribe(stack.gatewayUrl, 'subscription ($after: String) { changes(provinces: [JIANGSU], after: $after) { id } }',
          { after: changeCursor }, { headers: holder });
        const [first] = await attempt.waitFor(1);
        if ((first as { errors?: unknown }).errors) await attempt.close();
        else again = attempt;
      }
      expect(again?.received[0]).toMatchObject({ data: { changes: { id: expect.any(String) } } });
      await again?.close();
    } finally {
      await Promise.all(connections.map((c) => c.dispose()));
    }
  });

  it('answers a caller without a valid token before reading its body, at the gateway and at a province', async () => {
    // Headers announcing a megabyte that never comes: a server that read the body first would never answer.
    const statusLine = (url: string, authorization: string) => new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const socket = connect(Number(port), hostname, () => socket.write(`POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`
        + `${authorization}Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`));
      socket.once('data', (chunk) => { resolve(chunk.toString().split('\r\n')[0]); socket.destroy(); });
      socket.once('error', reject);
    });
    for (const url of [stack.gatewayUrl, stack.provinces.ZHEJIANG.url]) {
      expect(await statusLine(url, '')).toBe('HTTP/1.1 401 Unauthorized');
      expect(await statusLine(url, 'Authorization: Bearer not.a.token\r\n')).toBe('HTTP/1.1 401 Unauthorized');
    }
  });

  it('refuses a subscription sent as a plain request with where subscriptions are served (it was a 500)', async () => {
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST', headers: { ...analyst, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { changes { id } }' }),
    });
    expect(res.status).toBe(400);
    const answer = await res.json() as { errors: { message: string; extensions: { code: string } }[] };
    expect(answer.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.errors[0].message).toContain('/graphql/stream');
  });

  it('answers a 200 KB invalid value made of "Did you mean " at once, echoing no more than a short prefix of it', async () => {
    const value = 'Did you mean '.repeat(16_000);
    const res = await stack.gql('query ($kinds: [PortKind!]) { ports(filter: { kinds: $kinds }) { totalCount } }', { kinds: [value] });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message.length).toBeLessThan(1100);
    expect(error?.message).toMatch(/more characters not shown/);
    // Introspection off: no suggestion names the schema's values.
    expect(error?.message).not.toMatch(/SEAPORT|RIVER_PORT/);
  });
});
