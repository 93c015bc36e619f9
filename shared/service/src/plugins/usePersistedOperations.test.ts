import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { Authenticator, DelegatedTokens, authConfigFrom } from '../auth';
import { buildManifest, documentId, persistedOperations } from '../persisted';
import { persistedPolicyFromEnv, usePersistedOperations } from './usePersistedOperations';

const codeOf = async (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof GraphQLError ? e.extensions.code : String(e)));

describe('persisted operations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-persisted-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = authConfigFrom({ JWT_SECRET: 'x'.repeat(32), WEBHOOK_TOKEN_SECRET: 'w'.repeat(32) }, dir);
  const authenticator = new Authenticator(config, ['ZHEJIANG']);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('reads the mode per role from the environment, partner require in production, and refuses an unknown mode', () => {
    expect(persistedPolicyFromEnv({})).toEqual({ mode: 'allow', byRole: {} });
    expect(persistedPolicyFromEnv({ NODE_ENV: 'production' })).toEqual({ mode: 'allow', byRole: { partner: 'require' } });
    expect(persistedPolicyFromEnv({ NODE_ENV: 'production', PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_PARTNER: 'allow', PERSISTED_OPERATIONS_OFFICE: 'off' }))
      .toEqual({ mode: 'require', byRole: { partner: 'allow', office: 'off' } });
    expect(() => persistedPolicyFromEnv({ PERSISTED_OPERATIONS_ANALYST: 'sometimes' })).toThrow(/PERSISTED_OPERATIONS_ANALYST must be one of off, allow, require/);
  });

  it('gives each named operation of a file its own entry, with the fragments it spreads, whatever the layout', () => {
    const [a, b] = persistedOperations(`# two tabs
      query A { ...F } query B { changeCursor }
      fragment F on Query { changeCursor }`, 'two.graphql');
    expect(a.body).toBe('query A {\n  ...F\n}\n\nfragment F on Query {\n  changeCursor\n}');
    expect(b.body).toBe('query B {\n  changeCursor\n}');
    expect(persistedOperations('query B{changeCursor}', 'same.graphql')[0].id).toBe(b.id);
    expect(() => persistedOperations('{ changeCursor }', 'anonymous.graphql')).toThrow(/anonymous.graphql: every operation of an operation file is named/);
  });

  it('keeps automatic persisted queries within its bytes: a caller registering many only evicts the oldest', async () => {
    const plugin = usePersistedOperations({ manifest: buildManifest([]), policy: { mode: 'allow', byRole: {} }, authenticator, cacheBytes: 10_000 });
    const headers = { authorization: `Bearer ${await authenticator.issue({ subject: 'analyst', role: 'analyst' })}` };
    const resolve = (query: string | undefined, hash: string) => plugin.resolveDocument?.({
      headers, address: '127.0.0.1', transport: 'http', query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }) ?? Promise.resolve(undefined);
    const queries = Array.from({ length: 200 }, (_, i) => `{ a${i}: changeCursor ${'b: changeCursor '.repeat(3)}}`);
    for (const query of queries) expect(await resolve(query, documentId(query))).toBe(query);
    // 200 documents of about 60 characters, each counted with its key and the cache's own entry (about 450 bytes):
    // the first are gone, the last kept, within the 10,000 bytes.
    expect(await codeOf(Promise.resolve(resolve(undefined, documentId(queries[0]))))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await resolve(undefined, documentId(queries[199]))).toBe(queries[199]);
    const kept = [];
    for (const query of queries) if (await codeOf(Promise.resolve(resolve(undefined, documentId(query)))) === null) kept.push(query);
    expect(kept.reduce((bytes, q) => bytes + 2 * q.length + 2 * 64 + 200, 0)).toBeLessThanOrEqual(10_000);
    expect(kept.length).toBeGreaterThan(15);
  });

  it('lets a partner in require mode run only what was agreed with partners, and the webhooks worker its registered document', async () => {
    const [explorerTab] = persistedOperations('query Viewer { viewer { role } }', 'explorer/15-Viewer.graphql').map((o) => ({ ...o, clientName: 'explorer' }));
    const [agreed] = persistedOperations('query ChangeCursor { changeCursor }', 'partners/ChangeCursor.graphql').map((o) => ({ ...o, clientName: 'partners' }));
    const plugin = usePersistedOperations({ manifest: buildManifest([explorerTab, agreed]), policy: { mode: 'allow', byRole: { partner: 'require' } }, authenticator });
    const ask = (headers: Record<string, string>, request: { query?: string; id?: string }) => Promise.resolve(plugin.resolveDocument?.({
      headers, address: '127.0.0.1', transport: 'websocket', query: request.query,
      extensions: request.id ? { persistedQuery: { version: 1, sha256Hash: request.id } } : undefined,
    }));
    const partner = bearer(await authenticator.issue({ subject: 'partner-system', role: 'partner' }));
    const analyst = bearer(await authenticator.issue({ subject: 'analyst', role: 'analyst' }));
    expect(await ask(partner, { id: agreed.id })).toBe(agreed.body);
    expect(await codeOf(ask(partner, { id: explorerTab.id }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(await codeOf(ask(partner, { query: explorerTab.body }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(await ask(analyst, { id: explorerTab.id })).toBe(explorerTab.body);
    // The worker's delegated token, for a partner's webhook: the subscription it registered (checked then), as sent.
    const worker = bearer(await new DelegatedTokens(config).issue({ subject: 'partner-system', role: 'partner', province: null }));
    const rewritten = 'subscription ($_webhookAfter: String) { changes(after: $_webhookAfter) { id _webhookCursor: cursor } }';
    expect(await ask(worker, { query: rewritten })).toBeUndefined();
    expect(await codeOf(ask(partner, { query: rewritten }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});
