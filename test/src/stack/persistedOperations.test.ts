import { createHash } from 'node:crypto';
import { buildManifest, type PersistedManifest } from '@yrd/service';
import { readOperationFiles } from '@yrd/gateway';
import { analyst, officeOf, partner, startStack, webSocketClient, type Received, type TestStack } from '../harness';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const byId = (id: string) => ({ persistedQuery: { version: 1, sha256Hash: id } });
type Payload = { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> };

/**
 * Persisted operations at the gateway, as partner systems meet them in production: a partner token (require) runs the
 * manifest's operations by id over HTTP, WebSocket and SSE and is refused anything else; an analyst (allow) may send
 * any document, and automatic persisted queries.
 */
describe('persisted operations', () => {
  let stack: TestStack;
  let manifest: PersistedManifest;
  const idOf = (name: string) => manifest.operations.find((o) => o.name === name)?.id ?? '';

  beforeAll(async () => {
    manifest = buildManifest(readOperationFiles());
    stack = await startStack({ gateway: { persistedOperations: { manifest, policy: { mode: 'allow', byRole: { partner: 'require' } } } } });
  });
  afterAll(() => stack.stop());

  const post = async (payload: Record<string, unknown>, headers: Record<string, string>) => {
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers }, body: JSON.stringify(payload),
    });
    return { status: res.status, ...await res.json() as Received };
  };
  const codes = (answer: Received) => answer.errors?.map((e) => e.extensions?.code);

  /** One result over WebSocket for `payload`: the first event, or the error that ended it. */
  const firstOverWebSocket = async (payload: Payload, headers: Record<string, string>, trigger?: () => Promise<unknown>): Promise<Received> => {
    const client = webSocketClient(stack.gatewayWsUrl, headers);
    try {
      return await new Promise<Received>((resolve) => {
        const timer = setTimeout(() => resolve({ errors: [{ message: 'nothing within 10 s' }] }), 10_000);
        const done = (result: Received) => { clearTimeout(timer); resolve(result); };
        client.subscribe(payload, {
          next: (value) => done(value as Received),
          error: (error) => done({ errors: Array.isArray(error) ? error as Received['errors'] : [{ message: String((error as Error)?.message ?? error) }] }),
          complete: () => done({ errors: [{ message: 'completed without a result' }] }),
        });
        // Once subscribed, a change to deliver.
        if (trigger) setTimeout(() => { trigger().catch(() => undefined); }, 300);
      });
    } finally {
      await client.dispose();
    }
  };
  /** The same over SSE, read off the wire: a refusal is the response's body (the graphql-sse client shows only its status). */
  const firstOverSse = async (payload: Payload, headers: Record<string, string>, trigger?: () => Promise<unknown>): Promise<Received> => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 10_000);
    try {
      const res = await fetch(`${stack.gatewayUrl}/stream`, {
        method: 'POST', signal: abort.signal, body: JSON.stringify(payload),
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      });
      if (!res.ok || !res.body) return await res.json() as Received;
      if (trigger) setTimeout(() => { trigger().catch(() => undefined); }, 300);
      let text = '';
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
        const next = /event: next\ndata: (.*)\n/.exec(text);
        if (next) return JSON.parse(next[1]) as Received;
      }
      return { errors: [{ message: 'stream ended without a result' }] };
    } catch (error) {
      return { errors: [{ message: String(error) }] };
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  };
  const firstOver = (transport: 'ws' | 'sse', payload: Payload, headers: Record<string, string>, trigger?: () => Promise<unknown>) =>
    (transport === 'ws' ? firstOverWebSocket : firstOverSse)(payload, headers, trigger);
  const recordCapacity = (period: string) => post({
    query: `mutation ($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { changeCursor } } }`,
    variables: { input: { portCode: 'CNNBO', agency: 'MARITIME', period, throughputTeu: 1, clearance24x7: true } },
  }, officeOf('ZHEJIANG'));

  it('runs a manifest operation by id for a partner, over POST and GET', async () => {
    const byPost = await post({ extensions: byId(idOf('PortsOfProvinces')), variables: { provinces: ['ZHEJIANG'], first: 2 } }, partner);
    expect(byPost.status).toBe(200);
    expect((byPost.data as { ports: { nodes: { province: string }[] } }).ports.nodes.map((p) => p.province)).toEqual(['ZHEJIANG', 'ZHEJIANG']);
    const search = new URLSearchParams({ extensions: JSON.stringify(byId(idOf('ChangeCursor'))) });
    const byGet = await fetch(`${stack.gatewayUrl}?${search}`, { headers: { ...partner, accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true' } });
    expect(byGet.status).toBe(200);
    expect(typeof ((await byGet.json()) as { data: { changeCursor: unknown } }).data.changeCursor).toBe('string');
  });

  it('refuses a partner an ad hoc document with PERSISTED_QUERY_NOT_IN_LIST, over HTTP, WebSocket and SSE', async () => {
    const adHoc = { query: '{ ports(first: 100) { nodes { code } } }' };
    const overHttp = await post(adHoc, partner);
    expect([overHttp.status, codes(overHttp), overHttp.data]).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST'], undefined]);
    const subscription = { query: 'subscription { changes { id } }' };
    for (const transport of ['ws', 'sse'] as const) {
      expect(codes(await firstOver(transport, subscription, partner))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    }
    // Nor the explorer's or the dashboard's operations, though they are in the manifest: only what was agreed with partners.
    expect(codes(await post({ extensions: byId(idOf('Viewer')) }, partner))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(codes(await post({ extensions: byId(idOf('RegisterTerminal')), variables: {} }, partner))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    // Its webhooks are managed through the agreed operations.
    const webhooks = await post({ extensions: byId(idOf('MyWebhooks')) }, partner);
    expect([webhooks.errors, (webhooks.data as { webhooks: { totalCount: number } }).webhooks.totalCount]).toEqual([undefined, 0]);
    // The manifest's own text is the agreed operation too.
    const agreed = manifest.operations.find((o) => o.name === 'ChangeCursor');
    expect((await post({ query: agreed?.body }, partner)).errors).toBeUndefined();
  });

  it('delivers a manifest subscription by id to a partner over WebSocket and SSE', async () => {
    const { data } = await post({ extensions: byId(idOf('ChangeCursor')) }, partner);
    const after = (data as { changeCursor: string }).changeCursor;
    let month = 1;
    for (const transport of ['ws', 'sse'] as const) {
      const period = `2090-${String(month++).padStart(2, '0')}`;
      const event = await firstOver(transport, { query: '', variables: { provinces: ['ZHEJIANG'], after }, extensions: byId(idOf('ChangesSince')) },
        partner, () => recordCapacity(period));
      expect(event.errors).toBeUndefined();
      expect(event.data?.changes).toEqual(expect.objectContaining({ province: 'ZHEJIANG', entity: 'CAPACITY_RECORD' }));
    }
  });

  it('answers an unknown id PERSISTED_QUERY_NOT_FOUND over every transport', async () => {
    const unknown = { query: '', extensions: byId(sha256('no such operation')) };
    const overHttp = await post({ extensions: unknown.extensions }, partner);
    expect([overHttp.status, codes(overHttp)]).toEqual([400, ['PERSISTED_QUERY_NOT_FOUND']]);
    for (const transport of ['ws', 'sse'] as const) {
      const answer = await firstOver(transport, unknown, partner);
      expect([transport, codes(answer), answer.errors?.[0]?.message]).toEqual([transport, ['PERSISTED_QUERY_NOT_FOUND'], 'PersistedQueryNotFound']);
    }
    const malformed = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }, partner);
    expect(codes(malformed)).toEqual(['BAD_REQUEST']);
  });

  it('registers and runs an automatic persisted query for an analyst, and refuses a hash that is not its query\'s', async () => {
    const query = '{ ports(first: 1) { totalCount } }';
    const hash = sha256(query);
    expect(codes(await post({ extensions: byId(hash) }, analyst))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await post({ query, extensions: byId(hash) }, analyst)).errors).toBeUndefined();
    const again = await post({ extensions: byId(hash) }, analyst);
    expect(again.errors).toBeUndefined();
    expect((again.data as { ports: { totalCount: number } }).ports.totalCount).toBeGreaterThan(10);
    // A partner may not register one: only the agreed operations run.
    const other = '{ ports(first: 2) { totalCount } }';
    expect(codes(await post({ query: other, extensions: byId(sha256(other)) }, partner))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    // Nor is a hash that is not the query's accepted from anyone.
    expect(codes(await post({ query, extensions: byId(sha256('something else')) }, analyst))).toEqual(['BAD_REQUEST']);
  });
});
