import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { Lexer, Source, TokenKind, parse, validate, type ValidationRule } from 'graphql';
import request from 'supertest';
import WebSocket from 'ws';
import { DEFAULT_OPERATION_LIMITS } from '@yrd/service';
import { analyst, bearer, eventually, startStack, subscribe, testToken, type GqlResponse, type TestStack } from '../harness';

const L = DEFAULT_OPERATION_LIMITS;

/** Tokens as the GraphQL lexer counts them (what the token limit counts). */
function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}
/** Under a port, `routes { nodes { destination { routes ... code } } } }`: `depth` fields down to the leaf, both counted. */
function belowPort(depth: number): string {
  const cycle = ['routes', 'nodes', 'destination'] as const;
  const leaves = { routes: 'totalCount', nodes: 'id', destination: 'code' };
  const containers = Array.from({ length: depth - 1 }, (_, i) => cycle[i % cycle.length]);
  const leaf = containers.length ? leaves[containers[containers.length - 1]] : 'code';
  return `${containers.map((c) => `${c} { `).join('')}${leaf}${' }'.repeat(containers.length)}`;
}
/** `{ port { routes { nodes { destination { ... code } } } } }`: `depth` fields from the root to the leaf, both counted. */
const nested = (depth: number) => `{ port(code: "CNNBO") { ${belowPort(depth - 1)} } }`;
const ROOT_FIELDS = ['changeCursor', 'foreignPorts { nodes { code } }', 'routes { nodes { id } }', 'initiatives { nodes { id } }', 'overdueMilestones { nodes { seq } }',
  'port(code: "CNNBO") { code }', 'zhejiang { province }', 'shanghai { province }', 'jiangsu { province }',
  'ports { totalCount }', 'clearanceTimes(period: "2024-06") { period }'];

const codeOf = (res: GqlResponse) => res.errors?.[0]?.extensions?.code;
const admitted = (res: GqlResponse) => {
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
};
const refused = (res: GqlResponse, code: string, status = 400) => {
  expect({ code: codeOf(res), status: res.status }).toEqual({ code, status });
  expect(res.data ?? undefined).toBeUndefined();
};

describe('operation limits at the gateway (defaults)', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  it(`depth: admits ${L.maxDepth}, refuses ${L.maxDepth + 1}`, async () => {
    admitted(await stack.gql(nested(L.maxDepth)));
    refused(await stack.gql(nested(L.maxDepth + 1)), 'DEPTH_LIMIT_EXCEEDED');
  });

  it(`aliases: admits ${L.maxAliases}, refuses ${L.maxAliases + 1}`, async () => {
    const aliased = (n: number) => `{ port(code: "CNNBO") { ${Array.from({ length: n }, (_, i) => `a${i}: code`).join(' ')} } }`;
    admitted(await stack.gql(aliased(L.maxAliases)));
    refused(await stack.gql(aliased(L.maxAliases + 1)), 'ALIAS_LIMIT_EXCEEDED');
  });

  it(`variable values: admits ${L.maxVariableValues}, refuses ${L.maxVariableValues + 1}`, async () => {
    // Ten port-code filters, each within its 500 values: every value counts, the ten variables and their codes.
    const QUERY = `query (${Array.from({ length: 10 }, (_, i) => `$v${i}: [ID!]`).join(', ')}) { zhejiang {
      ${Array.from({ length: 10 }, (_, i) => `p${i}: ports(filter: { portCodes: $v${i} }) { totalCount }`).join(' ')} } }`;
    const codes = (last: number) => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`v${i}`, Array(i < 9 ? 500 : last).fill('CNNBO')]));
    const within = codes(L.maxVariableValues - 10 - 9 * 500);
    expect(10 + Object.values(within).reduce((n, list) => n + list.length, 0)).toBe(L.maxVariableValues);
    admitted(await stack.gql(QUERY, within));
    refused(await stack.gql(QUERY, codes(L.maxVariableValues - 10 - 9 * 500 + 1)), 'VARIABLE_LIMIT_EXCEEDED');
  });

  it(`root fields: admits ${L.maxRootFields}, refuses ${L.maxRootFields + 1}`, async () => {
    const roots = (n: number) => `{ ${ROOT_FIELDS.slice(0, n).join(' ')} }`;
    admitted(await stack.gql(roots(L.maxRootFields)));
    refused(await stack.gql(roots(L.maxRootFields + 1)), 'ROOT_FIELD_LIMIT_EXCEEDED');
    // Fragments at the root count too.
    const [first, ...others] = ROOT_FIELDS.slice(0, L.maxRootFields + 1);
    refused(await stack.gql(`query { ${first} ... on Query { ${others.slice(0, 4).join(' ')} } ...More } fragment More on Query { ${others.slice(4).join(' ')} }`),
      'ROOT_FIELD_LIMIT_EXCEEDED');
  });

  it(`tokens: admits ${L.maxTokens}, refuses ${L.maxTokens + 1}`, async () => {
    // Padded with list items, which graphql-js validates in linear time, in two lists (a filter list names at most 500).
    const base = '{ routes(filter: { modes: [], statuses: [] }) { nodes { id } } }';
    const withTokens = (n: number) => {
      const items = n - tokens(base);
      return base.replace('modes: []', `modes: [${' SEA'.repeat(Math.ceil(items / 2))} ]`)
        .replace('statuses: []', `statuses: [${' OPERATING'.repeat(Math.floor(items / 2))} ]`);
    };
    expect(tokens(withTokens(L.maxTokens))).toBe(L.maxTokens);
    admitted(await stack.gql(withTokens(L.maxTokens)));
    refused(await stack.gql(withTokens(L.maxTokens + 1)), 'TOKEN_LIMIT_EXCEEDED');
  });

  it('body size: admits 1 MiB, refuses one byte more with 413', async () => {
    const body = (bytes: number) => {
      const base = JSON.stringify({ query: '{ changeCursor }' });
      // Spaces inside the query are no tokens: only the size grows.
      return JSON.stringify({ query: `{ changeCursor }${' '.repeat(bytes - base.length)}` });
    };
    const send = async (raw: string) => {
      const res = await request(stack.gateway.server.httpServer).post('/graphql').set('content-type', 'application/json').set(analyst).send(raw);
      return { status: res.status, ...(res.body as object) } as GqlResponse;
    };
    expect(Buffer.byteLength(body(1024 * 1024))).toBe(1024 * 1024);
    admitted(await send(body(1024 * 1024)));
    refused(await send(body(1024 * 1024 + 1)), 'PAYLOAD_TOO_LARGE', 413);
    // The same over SSE, and a WebSocket message over the size is refused (close code 1009) before any parsing.
    const sse = await request(stack.gateway.server.httpServer).post('/graphql/stream').set('accept', 'text/event-stream')
      .set('content-type', 'application/json').set(analyst).send(body(1024 * 1024 + 1));
    expect(sse.status).toBe(413);
    const socket = new WebSocket(stack.gatewayWsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('applies the same limits to operations over WebSocket', async () => {
    const sub = subscribe(stack.gatewayWsUrl, `subscription { routeChanged { record { ... on Route { origin { ${belowPort(L.maxDepth)} } } } } }`, {}, { headers: analyst });
    await eventually(() => sub.failure !== null, 3000, 'the subscription refused');
    expect(sub.failure).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'DEPTH_LIMIT_EXCEEDED' }) })]);
    await sub.close();
  });
});

describe('configured limits: cost and rate', () => {
  const MAX_COST = 200;
  const RATE = { operations: 5, perSeconds: 60 };
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack({ gateway: { limits: { operations: { maxCost: MAX_COST }, rate: RATE } } }); });
  afterAll(() => stack.stop());

  it(`cost: admits an operation costing at most ${MAX_COST}, refuses one costing more`, async () => {
    // Each operation's cost as GraphQL Armor computes it, against the gateway's own schema.
    const schema = stack.gateway.subscriptions.schema;
    const cost = (query: string) => {
      let found = Number.NaN;
      const rule = costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, onAccept: [(_c, d: { n: number }) => { found = d.n; }] }) as unknown as ValidationRule;
      validate(schema, parse(query), [rule]);
      return found;
    };
    const fields = (n: number) => `{ port(code: "CNNBO") { ${Array.from({ length: n }, () => 'routes { nodes { id } }').join(' ')} } }`;
    let n = 1;
    while (cost(fields(n + 1)) <= MAX_COST) n++;
    expect(cost(fields(n))).toBeLessThanOrEqual(MAX_COST);
    expect(cost(fields(n + 1))).toBeGreaterThan(MAX_COST);
    const who = bearer(testToken({ sub: 'cost-tester', role: 'analyst' }));
    admitted(await stack.gql(fields(n), {}, who));
    refused(await stack.gql(fields(n + 1), {}, who), 'COST_LIMIT_EXCEEDED');
  });

  it(`rate: admits ${RATE.operations} operations a subject sends in ${RATE.perSeconds} s, refuses the next with 429`, async () => {
    const who = bearer(testToken({ sub: 'busy-partner', role: 'partner' }));
    for (let i = 0; i < RATE.operations; i++) admitted(await stack.gql('{ changeCursor }', {}, who));
    const res = await request(stack.gateway.server.httpServer).post('/graphql').set('content-type', 'application/json').set(who)
      .send({ query: '{ changeCursor }' });
    expect(res.status).toBe(429);
    expect(res.body.errors[0].extensions).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }));
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another subject is not held back by this one.
    admitted(await stack.gql('{ changeCursor }', {}, bearer(testToken({ sub: 'calm-partner', role: 'partner' }))));
  });
});

describe('a province\'s own rate, behind the gateway', () => {
  // The gateway's rate off, so that one subject reaches a province's limit through it (a caller whose operations fan
  // out widely could, with it on).
  const RATE = { operations: 5, perSeconds: 60 };
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack({ gateway: { limits: { rate: null } }, provinceRateLimit: RATE }); });
  afterAll(() => stack.stop());

  it('refuses the one subject over it RATE_LIMITED, and never cuts the province off for anyone else', async () => {
    const busy = bearer(testToken({ sub: 'busy-analyst', role: 'analyst' }));
    // A different page size each time: no answer is kept for another, so every one reaches Zhejiang.
    const page = (n: number) => `{ zhejiang { ports(first: ${n}) { totalCount } } }`;
    const codes: unknown[] = [];
    for (let n = 1; n <= RATE.operations + 8; n++) codes.push(codeOf(await stack.gql(page(n), {}, busy)) ?? 'ok');
    expect(codes).toEqual([...Array(RATE.operations).fill('ok'), ...Array(8).fill('RATE_LIMITED')]);
    const over = await stack.gql(page(RATE.operations + 9), {}, busy);
    expect(over.errors?.[0]).toEqual(expect.objectContaining({
      message: expect.stringMatching(/try again in \d+ s/), extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }),
    }));
    // Eight refusals in a row were the busy subject's own: Zhejiang still answers everyone else.
    admitted(await stack.gql(page(50), {}, bearer(testToken({ sub: 'calm-analyst', role: 'analyst' }))));
  });
});
