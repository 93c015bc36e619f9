import { GraphQLError } from 'graphql';
import { operationPipeline } from './operationPipeline';
import type { ServicePlugin } from './ServicePlugin';

const caller = { headers: {}, address: '::1' };

/** A pipeline of `plugins` with nothing behind it: only its hooks are exercised. */
const pipelineOf = (plugins: readonly ServicePlugin[]) => operationPipeline({
  name: 'test', plugins, maxBodyBytes: 1024, schema: () => undefined,
  context: async () => ({}), execute: async () => ({}),
});

describe('the operation pipeline runs every plugin\'s hooks in list order', () => {
  it('runs onOperation in order, whether a plugin answers at once or later, and skips plugins without the hook', async () => {
    const calls: string[] = [];
    const pipeline = pipelineOf([
      { name: 'no hooks' },
      { name: 'sync', onOperation: () => { calls.push('sync'); } },
      { name: 'async', onOperation: async () => { await new Promise((r) => setTimeout(r, 5)); calls.push('async'); } },
      { name: 'last', onOperation: () => { calls.push('last'); } },
    ]);
    await pipeline.admit({ ...caller, query: '{ a }', transport: 'http' });
    expect(calls).toEqual(['sync', 'async', 'last']);
  });

  it('stops at the first refusal, thrown at once or rejected later, and runs no hook after it', async () => {
    const calls: string[] = [];
    const refusing = (how: 'throw' | 'reject'): ServicePlugin => ({
      name: how,
      onOperation: how === 'throw'
        ? () => { throw new GraphQLError('refused at once'); }
        : async () => { throw new GraphQLError('refused later'); },
    });
    const after: ServicePlugin = { name: 'after', onOperation: () => { calls.push('after'); } };
    const attempt = { ...caller, query: '{ a }', transport: 'http' as const };
    await expect(pipelineOf([refusing('throw'), after]).admit(attempt)).rejects.toThrow('refused at once');
    await expect(pipelineOf([refusing('reject'), after]).admit(attempt)).rejects.toThrow('refused later');
    // A thenable that is not a native promise (another library's) is awaited too.
    const thenable: ServicePlugin = {
      name: 'thenable',
      onOperation: (() => ({ then: (_ok: () => void, fail: (e: Error) => void) => fail(new GraphQLError('refused by a thenable')) })) as unknown as ServicePlugin['onOperation'],
    };
    await expect(pipelineOf([thenable, after]).admit(attempt)).rejects.toThrow('refused by a thenable');
    expect(calls).toEqual([]);
  });

  it('gives each resolveDocument the document the plugins before it resolved, sync or async; undefined keeps it', async () => {
    const seen: (string | undefined)[] = [];
    const pipeline = pipelineOf([
      { name: 'by id', resolveDocument: async ({ query }) => { seen.push(query); return query === 'id:1' ? '{ one }' : undefined; } },
      { name: 'keeps', resolveDocument: ({ query }) => { seen.push(query); return undefined; } },
      { name: 'wraps', resolveDocument: ({ query }) => { seen.push(query); return `${query} # resolved`; } },
    ]);
    expect(await pipeline.resolve({ ...caller, query: 'id:1', transport: 'http' })).toBe('{ one } # resolved');
    expect(seen).toEqual(['id:1', '{ one }', '{ one }']);
  });

  it('merges the sessions the authenticating plugins give, later ones over earlier', async () => {
    const pipeline = pipelineOf([
      { name: 'first', onAuthenticate: async () => ({ expiresAt: 1 }) },
      { name: 'nothing', onAuthenticate: async () => undefined },
      { name: 'second', onAuthenticate: async () => ({ expiresAt: 2 }) },
    ]);
    expect(await pipeline.authenticate(caller)).toEqual({ expiresAt: 2 });
    expect(await pipelineOf([{ name: 'none' }]).authenticate(caller)).toEqual({});
  });
});
