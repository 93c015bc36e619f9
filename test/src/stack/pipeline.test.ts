import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_FAILED_AUTH_LIMIT, MAX_ENTITY_REPRESENTATIONS, SUBGRAPH_OPERATION_LIMITS } from '@yrd/service';
import { analyst, officeOf, startStack, type TestStack } from '../harness';

type Answer = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

/** The one pipeline every service runs (issue 15): the same limits at a subgraph reached directly, and the auth plugin. */
describe('every service runs the pipeline', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack({ gateway: { introspection: false } }); });
  afterAll(() => stack.stop());

  const post = async (url: string, body: unknown, headers: Record<string, string> = analyst) => {
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify(body) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ...await res.json() as Answer };
  };

  it('refuses at a province subgraph reached directly an operation past its limits, with the limit\'s code', async () => {
    const zhejiang = stack.provinces.ZHEJIANG.url;
    const aliases = Array.from({ length: SUBGRAPH_OPERATION_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: province`).join(' ');
    const tooManyAliases = await post(zhejiang, { query: `{ zhejiang { ${aliases} } }` });
    expect(tooManyAliases.status).toBe(400);
    expect(tooManyAliases.errors?.map((e) => e.extensions?.code)).toContain('ALIAS_LIMIT_EXCEEDED');
    const tokens = Array.from({ length: SUBGRAPH_OPERATION_LIMITS.maxTokens }, () => '__typename').join(' ');
    const tooManyTokens = await post(zhejiang, { query: `{ ${tokens} }` });
    expect(tooManyTokens.errors?.[0]?.extensions?.code).toBe('TOKEN_LIMIT_EXCEEDED');
    // Within the limits, the same service answers.
    const fine = await post(zhejiang, { query: '{ zhejiang { province } }' });
    expect(fine).toMatchObject({ status: 200, data: { zhejiang: { province: 'ZHEJIANG' } } });
  });

  it(`refuses an _entities fetch of more than ${MAX_ENTITY_REPRESENTATIONS} representations before resolving any`, async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on ZhejiangPort { code } } }';
    const representations = (n: number) => Array.from({ length: n }, () => ({ __typename: 'ZhejiangPort', code: 'CNNGB' }));
    const refused = await post(stack.provinces.ZHEJIANG.url, { query, variables: { r: representations(MAX_ENTITY_REPRESENTATIONS + 1) } });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.data).toBeUndefined();
    const admitted = await post(stack.provinces.ZHEJIANG.url, { query, variables: { r: representations(2) } });
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data).toEqual({ _entities: [{ code: 'CNNGB' }, { code: 'CNNGB' }] });
  });

  it('answers an address that keeps failing authentication 429, and still serves a valid token from it', async () => {
    const bad = { authorization: 'Bearer not-a-token' };
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_FAILED_AUTH_LIMIT.failures + 1; i++) statuses.push((await post(stack.gatewayUrl, { query: '{ viewer { role } }' }, bad)).status);
    expect(statuses.slice(0, DEFAULT_FAILED_AUTH_LIMIT.failures).every((s) => s === 401)).toBe(true);
    const limited = await post(stack.gatewayUrl, { query: '{ viewer { role } }' }, bad);
    expect(limited).toMatchObject({ status: 429, errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    const valid = await post(stack.gatewayUrl, { query: '{ viewer { role } }' }, officeOf('ZHEJIANG'));
    expect(valid).toMatchObject({ status: 200, data: { viewer: { role: 'OFFICE' } } });
  });
});

describe('the gateway process', () => {
  it('never loads the database layer', () => {
    // A fresh process: the test's own has TypeORM loaded for its fixtures.
    const loaded = execFileSync(process.execPath, ['-e', `
      require(${JSON.stringify(join(__dirname, '..', '..', '..', 'gateway'))});
      const modules = Object.keys(require.cache);
      console.log(JSON.stringify({ typeorm: modules.filter((m) => /node_modules[\\\\/](typeorm|mysql2|better-sqlite3)[\\\\/]/.test(m)).length,
        province: modules.filter((m) => /shared[\\\\/]province[\\\\/]/.test(m)).length, total: modules.length }));
    `], { encoding: 'utf8' });
    const counts = JSON.parse(loaded) as { typeorm: number; province: number; total: number };
    expect(counts.total).toBeGreaterThan(100);
    expect(counts).toMatchObject({ typeorm: 0, province: 0 });
  });
});
