import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { FetchCache } from '../cache/FetchCache';
import type { GatewayContext } from './GatewayContext';
import { SubgraphDataSource } from './SubgraphDataSource';

/** A subgraph on loopback that answers as `reply` says, counting the requests that reached it. */
async function subgraph(reply: (n: number, req: IncomingMessage, res: ServerResponse, body: string) => void) {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => reply(++requests, req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    get requests() { return requests; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const answer = (res: ServerResponse, data: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
};

/** What @apollo/gateway hands a data source for one fetch of an incoming query or mutation. */
const fetchOf = (
  operation: 'query' | 'mutation' | 'subscription', query = '{ a }', context: GatewayContext = { forward: { authorization: 'Bearer t' }, readScope: 'analyst' },
): GraphQLDataSourceProcessOptions<GatewayContext> => ({
  kind: 'incoming operation', request: { query, variables: {} }, context,
  incomingRequestContext: { operation: { operation } },
} as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

/** A cache following the feed (no feed here: only writes through the data source change anything). */
function followingCache() {
  const cache = new FetchCache({ maxBytes: 1024 * 1024 });
  cache.follow(true);
  return cache;
}

const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (e as GraphQLError).extensions?.code);

describe('SubgraphDataSource', () => {
  it('tries a read again once when its connection drops, and a write never', async () => {
    const sub = await subgraph((n, _req, res) => (n % 2 === 1 ? res.socket?.destroy() : answer(res, { data: { a: 1 } })));
    const source = new SubgraphDataSource('zhejiang', sub.url);
    await expect(source.process(fetchOf('query'))).resolves.toEqual({ data: { a: 1 } });
    expect(sub.requests).toBe(2);
    await expect(codeOf(source.process(fetchOf('mutation')))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
    expect(sub.requests).toBe(3);
    await sub.close();
  });

  it('shares one fetch among identical reads in flight, each with an answer of its own', async () => {
    const sub = await subgraph((_n, _req, res) => setTimeout(() => answer(res, { data: { a: { b: 1 } } }), 50));
    const source = new SubgraphDataSource('zhejiang', sub.url);
    const answers = await Promise.all([1, 2, 3].map(() => source.process(fetchOf('query'))));
    expect(sub.requests).toBe(1);
    expect(answers).toEqual([1, 2, 3].map(() => ({ data: { a: { b: 1 } } })));
    expect(new Set(answers.map((a) => a.data)).size).toBe(3);
    await sub.close();
  });

  it('never counts a refusal of one request (4xx) towards the breaker, and does count 5xx', async () => {
    const refusals = await subgraph((n, _req, res) => (n % 2 === 1
      ? answer(res, { errors: [{ message: 'too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, 413)
      : answer(res, { errors: [{ message: 'bad', extensions: { code: 'BAD_REQUEST' } }] }, 400)));
    const source = new SubgraphDataSource('zhejiang', refusals.url, { timeoutMs: 1000, breakAfter: 2, halfOpenAfterMs: 60_000 });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await codeOf(source.process(fetchOf('query', `{ a${i} }`))));
    // Each refusal is this request's answer; every one reached the subgraph (the breaker never opened).
    expect(codes).toEqual(['PAYLOAD_TOO_LARGE', 'SUBGRAPH_UNAVAILABLE', 'PAYLOAD_TOO_LARGE', 'SUBGRAPH_UNAVAILABLE', 'PAYLOAD_TOO_LARGE', 'SUBGRAPH_UNAVAILABLE']);
    expect(refusals.requests).toBe(6);
    await refusals.close();
    const failing = await subgraph((_n, _req, res) => answer(res, { errors: [{ message: 'boom' }] }, 500));
    const broken = new SubgraphDataSource('zhejiang', failing.url, { timeoutMs: 1000, breakAfter: 2, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 4; i++) await codeOf(broken.process(fetchOf('query', `{ b${i} }`)));
    expect(failing.requests).toBe(2);
    await failing.close();
  });

  it('aborts a fetch past its timeout, then opens the breaker: further calls fail at once, not reaching the subgraph', async () => {
    const sub = await subgraph(() => undefined);
    const source = new SubgraphDataSource('zhejiang', sub.url, { timeoutMs: 100, breakAfter: 2, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 2; i++) await expect(codeOf(source.process(fetchOf('query', `{ a${i} }`)))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
    const reached = sub.requests;
    const started = Date.now();
    await expect(codeOf(source.process(fetchOf('query', '{ b }')))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(50);
    expect(sub.requests).toBe(reached);
    await sub.close();
  });

  it('passes a refusal of the caller\'s own on, and counts it no failure of the subgraph', async () => {
    const sub = await subgraph((_n, _req, res) => answer(res, { errors: [{ message: 'bad date', extensions: { code: 'BAD_USER_INPUT' } }] }, 400));
    const source = new SubgraphDataSource('zhejiang', sub.url, { breakAfter: 1 });
    for (let i = 0; i < 3; i++) await expect(codeOf(source.process(fetchOf('query', `{ c${i} }`)))).resolves.toBe('BAD_USER_INPUT');
    expect(sub.requests).toBe(3);
    await sub.close();
  });

  it('passes a caller\'s own rate limit on, and counts another 429 (the service throttled) as a failure', async () => {
    const limited = await subgraph((_n, _req, res) => answer(res,
      { errors: [{ message: 'More than 5 operations in 60 s: try again in 7 s', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } }] }, 429));
    const source = new SubgraphDataSource('zhejiang', limited.url, { breakAfter: 2, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 4; i++) {
      await expect(source.process(fetchOf('query', `{ d${i} }`))).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } });
    }
    expect(limited.requests).toBe(4);
    await limited.close();
    const throttled = await subgraph((_n, _req, res) => answer(res, { errors: [{ message: 'slow down' }] }, 429));
    const behindProxy = new SubgraphDataSource('zhejiang', throttled.url, { breakAfter: 2, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 4; i++) await expect(codeOf(behindProxy.process(fetchOf('query', `{ e${i} }`)))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
    expect(throttled.requests).toBe(2);
    await throttled.close();
  });

  describe('with the fetch cache', () => {
    it('keeps a query\'s answer, and voids it with a write to the same province before the write\'s answer returns', async () => {
      let version = 0;
      // Each province's answers say they read its ports (or Wenzhou's only); Zhejiang's writes say they changed Ningbo's capacity.
      const province = (code: string) => subgraph((_n, _req, res, body) => answer(res, body.includes('mutation')
        ? { data: { a: version }, extensions: { changePositions: { [code]: [{ position: version, entity: 'CapacityRecord', id: 'CNNGB:CUSTOMS:2030-01' }] } } }
        : { data: { a: version }, extensions: { recordsRead: { [code]: body.includes('routes') ? ['Route']
          : body.includes('wenzhou') ? ['CapacityRecord@CNWNZ', 'Port@CNWNZ'] : ['Port', 'CapacityRecord'] } } }));
      const [subZ, subS] = [await province('ZHEJIANG'), await province('SHANGHAI')];
      const cache = followingCache();
      const zhejiang = new SubgraphDataSource('zhejiang', subZ.url, {}, undefined, { cache, owner: 'ZHEJIANG' });
      const shanghai = new SubgraphDataSource('shanghai', subS.url, {}, undefined, { cache, owner: 'SHANGHAI' });
      await zhejiang.process(fetchOf('query'));
      await zhejiang.process(fetchOf('query', '{ routes }'));
      await zhejiang.process(fetchOf('query', '{ wenzhou }'));
      await shanghai.process(fetchOf('query'));
      expect(await zhejiang.process(fetchOf('query'))).toEqual({ data: { a: 0 }, extensions: expect.anything() });
      expect(subZ.requests + subS.requests).toBe(4);
      version = 1;
      await zhejiang.process(fetchOf('mutation', 'mutation { a }'));
      expect(await zhejiang.process(fetchOf('query'))).toEqual({ data: { a: 1 }, extensions: expect.anything() });
      // Neither Zhejiang's routes, nor Wenzhou's ports and capacity, nor Shanghai's ports depend on Ningbo's capacity.
      expect((await zhejiang.process(fetchOf('query', '{ routes }'))).data).toEqual({ a: 0 });
      expect((await zhejiang.process(fetchOf('query', '{ wenzhou }'))).data).toEqual({ a: 0 });
      expect((await shanghai.process(fetchOf('query'))).data).toEqual({ a: 0 });
      expect(subZ.requests + subS.requests).toBe(6);
      await Promise.all([subZ.close(), subS.close()]);
    });

    it('keeps an answer that does not say what it read only until any change anywhere', async () => {
      const sub = await subgraph((_n, _req, res) => answer(res, { data: { a: 1 } }));
      const cache = followingCache();
      const zhejiang = new SubgraphDataSource('zhejiang', sub.url, {}, undefined, { cache, owner: 'ZHEJIANG' });
      await zhejiang.process(fetchOf('query'));
      await zhejiang.process(fetchOf('query'));
      expect(sub.requests).toBe(1);
      cache.heard('JIANGSU', 'Route', 3);
      await zhejiang.process(fetchOf('query'));
      expect(sub.requests).toBe(2);
      await sub.close();
    });

    it('lets no read join or keep a fetch that began before a write', async () => {
      let version = 0;
      // The first read is slow: the write, and a read after it, come while it is in flight.
      const sub = await subgraph((n, _req, res) => {
        const seen = version;
        setTimeout(() => answer(res, { data: { a: seen } }), n === 1 ? 150 : 0);
      });
      const cache = followingCache();
      const source = new SubgraphDataSource('zhejiang', sub.url, {}, undefined, { cache, owner: 'ZHEJIANG' });
      const before = source.process(fetchOf('query'));
      await new Promise((r) => setTimeout(r, 20));
      version = 1;
      await source.process(fetchOf('mutation', 'mutation { a }'));
      const after = source.process(fetchOf('query'));
      expect([await before, await after]).toEqual([{ data: { a: 0 } }, { data: { a: 1 } }]);
      expect(await source.process(fetchOf('query'))).toEqual({ data: { a: 1 } });
      await sub.close();
    });

    it('keeps answers by reader, never one that depends on who asks, and never a partial one or a subscription event\'s', async () => {
      const sub = await subgraph((_n, req, res) => answer(res, {
        data: { who: req.headers.authorization }, ...(req.headers['x-partial'] ? { errors: [{ message: 'a province away' }] } : {}),
      }));
      const cache = followingCache();
      const region = new SubgraphDataSource('region', sub.url, {}, undefined, { cache, owner: 'region' });
      const as = (token: string, readScope: string, extra: Record<string, string> = {}): GatewayContext => (
        { forward: { authorization: token, ...extra }, readScope });
      await region.process(fetchOf('query', '{ a }', as('Bearer analyst-1', 'analyst')));
      expect(await region.process(fetchOf('query', '{ a }', as('Bearer analyst-2', 'analyst')))).toEqual({ data: { who: 'Bearer analyst-1' } });
      expect(await region.process(fetchOf('query', '{ a }', as('Bearer partner-1', 'partner')))).toEqual({ data: { who: 'Bearer partner-1' } });
      expect(sub.requests).toBe(2);
      for (const token of ['Bearer analyst-1', 'Bearer analyst-2', 'Bearer analyst-1']) {
        expect(await region.process(fetchOf('query', '{ viewer { subject } }', as(token, 'analyst')))).toEqual({ data: { who: token } });
      }
      expect(sub.requests).toBe(5);
      const partial = as('Bearer analyst-3', 'partial', { 'x-partial': '1' });
      await region.process(fetchOf('query', '{ a }', partial));
      await region.process(fetchOf('query', '{ a }', partial));
      await region.process(fetchOf('subscription', '{ b }'));
      await region.process(fetchOf('subscription', '{ b }'));
      expect(sub.requests).toBe(9);
      await sub.close();
    });

    it('shares an answer the subgraph says is the same for every reader across scopes, kept and in flight, and no other', async () => {
      // Zhejiang says its answers to `{ a }` are the same for every reader until `dependent` is set; `{ viewer }` it
      // always says so, wrongly: the gateway keeps who asks apart whatever a subgraph says.
      let dependent = false;
      const sub = await subgraph((_n, req, res, body) => setTimeout(() => answer(res, {
        data: { who: req.headers.authorization },
        extensions: { recordsRead: { ZHEJIANG: ['Port'] }, ...(dependent && !body.includes('viewer') ? {} : { sameForEveryReader: true }) },
      }), 30));
      const cache = followingCache();
      const zhejiang = new SubgraphDataSource('zhejiang', sub.url, {}, undefined, { cache, owner: 'ZHEJIANG' });
      const as = (token: string, readScope: string): GatewayContext => ({ forward: { authorization: token }, readScope, fetchLog: { stamps: [], sameForEveryReader: true } });
      const whoFor = async (context: GatewayContext, query = '{ a }') => (await zhejiang.process(fetchOf('query', query, context))).data?.who;
      const analyst = as('Bearer analyst-1', 'analyst');
      expect(await whoFor(analyst)).toBe('Bearer analyst-1');
      expect(analyst.fetchLog?.sameForEveryReader).toBe(true);
      const partner = as('Bearer partner-1', 'partner');
      expect(await whoFor(partner)).toBe('Bearer analyst-1');
      expect(partner.fetchLog?.sameForEveryReader).toBe(true);
      expect(sub.requests).toBe(1);
      // After a change, readers of two scopes at once share one fetch: the request's last answer said so.
      cache.heard('ZHEJIANG', 'Port', 1);
      expect(await Promise.all([whoFor(as('Bearer office-1', 'office')), whoFor(as('Bearer partner-2', 'partner'))]))
        .toEqual(['Bearer office-1', 'Bearer office-1']);
      expect(sub.requests).toBe(2);
      // Once an answer depends on who asks, a reader of another scope that joined its fetch asks for its own, and
      // each scope keeps its own.
      dependent = true;
      cache.heard('ZHEJIANG', 'Port', 2);
      const office = as('Bearer office-2', 'office');
      const other = as('Bearer partner-3', 'partner');
      expect(await Promise.all([whoFor(office), whoFor(other)])).toEqual(['Bearer office-2', 'Bearer partner-3']);
      expect(sub.requests).toBe(4);
      expect([office.fetchLog?.sameForEveryReader, other.fetchLog?.sameForEveryReader]).toEqual([false, false]);
      expect(await whoFor(as('Bearer analyst-2', 'analyst'))).toBe('Bearer analyst-2');
      expect(await whoFor(as('Bearer partner-4', 'partner'))).toBe('Bearer partner-4');
      expect(await whoFor(as('Bearer partner-5', 'partner'))).toBe('Bearer partner-4');
      expect(await whoFor(as('Bearer office-3', 'office'))).toBe('Bearer office-2');
      expect(sub.requests).toBe(6);
      // Who asks is answered for each token, whatever the subgraph says.
      expect(await whoFor(as('Bearer analyst-3', 'analyst'), '{ viewer { subject } }')).toBe('Bearer analyst-3');
      expect(await whoFor(as('Bearer analyst-4', 'analyst'), '{ viewer { subject } }')).toBe('Bearer analyst-4');
      expect(sub.requests).toBe(8);
      await sub.close();
    });
  });
});
