import { auditServer } from 'graphql-http';
import { analyst, startStack, type TestStack } from '../harness';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

type Answer = { status: number; type: string | null; allow: string | null; cacheControl: string | null; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } | null };

/**
 * GraphQL over HTTP (the specification every client library follows): the status of each kind of answer for both
 * media types, GET for queries only, the CSRF header GET needs; and graphql-http's audit suite, every MUST passing.
 */
describe('GraphQL over HTTP at the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  const send = async (init: { method?: string; accept?: string; body?: string; search?: string; headers?: Record<string, string> }): Promise<Answer> => {
    const res = await fetch(`${stack.gatewayUrl}${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: { ...analyst, ...(init.body !== undefined ? { 'content-type': JSON_TYPE } : {}), ...(init.accept ? { accept: init.accept } : {}), ...init.headers },
      body: init.body,
    });
    const text = await res.text();
    let body: Answer['body'] = null;
    try { body = JSON.parse(text) as Answer['body']; } catch { /* not JSON: body stays null */ }
    return { status: res.status, type: res.headers.get('content-type'), allow: res.headers.get('allow'), cacheControl: res.headers.get('cache-control'), body };
  };
  const post = (accept: string | undefined, payload: unknown) => send({ accept, body: JSON.stringify(payload) });
  const codeOf = (answer: Answer) => answer.body?.errors?.[0]?.extensions?.code;

  // [what, request, its error code (null: executed), status for application/json, for application/graphql-response+json]
  const TABLE: [string, unknown, string | null, number, number][] = [
    ['executed', { query: '{ ports(first: 1) { totalCount } }' }, null, 200, 200],
    ['executed, with a field error (a port that does not exist)', { query: '{ port(code: "CNZZZ") { code } }' }, null, 200, 200],
    ['document parsing failure', { query: '{ ports(' }, 'GRAPHQL_PARSE_FAILED', 200, 400],
    ['document validation failure', { query: '{ portz { code } }' }, 'GRAPHQL_VALIDATION_FAILED', 200, 400],
    ['variable coercion failure', { query: 'query ($n: Int) { ports(first: $n) { totalCount } }', variables: { n: 'ten' } }, 'BAD_USER_INPUT', 200, 400],
    ['operation cannot be determined', { query: 'query A { changeCursor } query B { changeCursor }' }, 'OPERATION_RESOLUTION_FAILURE', 200, 400],
    ['an operation limit (depth)', { query: `{ port(code: "CNNBO") { ${'routes { nodes { destination { ... on Port { '.repeat(6)}code${' } } } }'.repeat(6)} } }` },
      'DEPTH_LIMIT_EXCEEDED', 200, 400],
    ['invalid parameters (no query)', { variables: {} }, 'BAD_REQUEST', 400, 400],
    ['invalid parameters (query not a string)', { query: 42 }, 'BAD_REQUEST', 400, 400],
  ];

  it.each(TABLE)('%s: the status of each media type', async (_what, payload, code, jsonStatus, graphqlResponseStatus) => {
    for (const [accept, status, type] of [[undefined, jsonStatus, JSON_TYPE], [JSON_TYPE, jsonStatus, JSON_TYPE],
      [GRAPHQL_RESPONSE, graphqlResponseStatus, GRAPHQL_RESPONSE], [`${JSON_TYPE};q=0.5, ${GRAPHQL_RESPONSE}`, graphqlResponseStatus, GRAPHQL_RESPONSE],
      [`${JSON_TYPE}; charset=utf-8`, jsonStatus, JSON_TYPE], [`${GRAPHQL_RESPONSE}; charset=utf-8`, graphqlResponseStatus, GRAPHQL_RESPONSE]] as const) {
      const answer = await post(accept, payload);
      expect({ accept, status: answer.status, type: answer.type?.split(';')[0], code: codeOf(answer) ?? null, cacheControl: answer.cacheControl })
        .toEqual({ accept, status, type, code, cacheControl: 'no-store' });
      if (code === null) expect(answer.body?.data).toBeTruthy();
    }
  });

  it('answers a body that is not JSON 400 under both, an accept header that takes neither 406, a body of another type 415', async () => {
    for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
      const answer = await send({ accept, body: '{"query": "{ changeCursor }"' });
      expect([answer.status, codeOf(answer), answer.type?.split(';')[0]]).toEqual([400, 'BAD_REQUEST', accept]);
    }
    expect((await post('text/html', { query: '{ changeCursor }' })).status).toBe(406);
    // A POST body in another media type (a form a page could send cross-site): 415, never run.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const answer = await send({ body: JSON.stringify({ query: 'mutation { zhejiang { __typename } }' }), headers: { 'content-type': type } });
      expect([type, answer.status, codeOf(answer)]).toEqual([type, 415, 'BAD_REQUEST']);
    }
  });

  it('keeps refusals above GraphQL at their status under both: 401 without a token', async () => {
    for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
      const answer = await send({ accept, body: JSON.stringify({ query: '{ changeCursor }' }), headers: { authorization: '' } });
      expect([answer.status, codeOf(answer), answer.cacheControl]).toEqual([401, 'UNAUTHENTICATED', 'no-store']);
    }
  });

  it('serves a query by GET with the CSRF header, never a mutation, and blocks a GET without it', async () => {
    const search = (query: string) => `?${new URLSearchParams({ query })}`;
    const preflight = { 'apollo-require-preflight': 'true' };
    const query = await send({ method: 'GET', accept: GRAPHQL_RESPONSE, search: search('{ changeCursor }'), headers: preflight });
    expect([query.status, typeof (query.body?.data as { changeCursor?: unknown } | undefined)?.changeCursor]).toEqual([200, 'string']);
    const mutation = await send({ method: 'GET', search: search('mutation { zhejiang { __typename } }'), headers: preflight });
    expect([mutation.status, mutation.allow]).toEqual([405, 'POST']);
    // A GET a browser could send cross-site (no preflight): refused before it runs.
    const simple = await send({ method: 'GET', search: search('{ changeCursor }') });
    expect([simple.status, codeOf(simple)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('tells every cache on the way not to keep an answer: the gateway\'s (one it kept whole too), a province\'s, the region\'s', async () => {
    const query = JSON.stringify({ query: '{ zhejiang { port(code: "CNNBO") { code } } }' });
    for (const url of [stack.gatewayUrl, stack.gatewayUrl, stack.provinces.ZHEJIANG.url, stack.regionUrl]) {
      const res = await fetch(url, { method: 'POST', headers: { ...analyst, 'content-type': JSON_TYPE }, body: url === stack.regionUrl ? JSON.stringify({ query: '{ changeCursor }' }) : query });
      expect([url, res.status, res.headers.get('cache-control')]).toEqual([url, 200, 'no-store']);
    }
  });

  it('passes every audit of graphql-http\'s suite, MUST, SHOULD and MAY', async () => {
    // The audits send GETs too: as a client of this gateway does, with the CSRF header and a token.
    const fetchFn = (input: string | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries({ ...analyst, 'apollo-require-preflight': 'true' })) headers.set(name, value);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: stack.gatewayUrl, fetchFn });
    const failed = results.flatMap((r) => (r.status === 'error' ? [`${r.name}: ${r.reason}`] : []));
    const warned = results.filter((r) => r.status === 'warn').map((r) => r.name);
    console.log(`graphql-http audits: ${results.filter((r) => r.status === 'ok').length} ok, ${warned.length} SHOULD/MAY not met${warned.length ? `: ${warned.join('; ')}` : ''}`);
    expect(failed).toEqual([]);
    expect(warned).toEqual([]);
  });
});
