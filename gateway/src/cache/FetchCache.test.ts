import { FetchCache } from './FetchCache';
import { fetchCacheFromEnv } from './fetchCacheFromEnv';

const ZHEJIANG = { province: 'ZHEJIANG' };
const SHANGHAI = { province: 'SHANGHAI' };

function following(maxBytes = 1024 * 1024) {
  const cache = new FetchCache({ maxBytes, maxEntryBytes: maxBytes });
  cache.follow(true);
  return cache;
}

describe('the fetch cache', () => {
  it('serves an answer until a change to what it depends on: its province, or any for the region', () => {
    const cache = following();
    cache.set('zj', ZHEJIANG, cache.stamp(ZHEJIANG), 'zhejiang answer');
    cache.set('sh', SHANGHAI, cache.stamp(SHANGHAI), 'shanghai answer');
    cache.set('region', 'every province', cache.stamp('every province'), 'region answer');
    expect([cache.get('zj', ZHEJIANG), cache.get('sh', SHANGHAI), cache.get('region', 'every province')])
      .toEqual(['zhejiang answer', 'shanghai answer', 'region answer']);
    cache.changed('SHANGHAI');
    expect([cache.get('zj', ZHEJIANG), cache.get('sh', SHANGHAI), cache.get('region', 'every province')])
      .toEqual(['zhejiang answer', undefined, undefined]);
    expect(cache.counts).toMatchObject({ hits: 4, misses: 2, stored: 3, invalidations: 1 });
  });

  it('never keeps an answer fetched across a change: its stamp is taken when the fetch starts', () => {
    const cache = following();
    const before = cache.stamp(ZHEJIANG);
    cache.changed('ZHEJIANG');
    cache.set('zj', ZHEJIANG, before, 'from before the change');
    expect(cache.get('zj', ZHEJIANG)).toBeUndefined();
    expect(cache.counts.discarded).toBe(1);
  });

  it('serves and keeps nothing while it does not follow the feed, and starts empty when it follows again', () => {
    const cache = following();
    cache.set('zj', ZHEJIANG, cache.stamp(ZHEJIANG), 'kept');
    cache.follow(false);
    expect(cache.get('zj', ZHEJIANG)).toBeUndefined();
    cache.set('other', ZHEJIANG, cache.stamp(ZHEJIANG), 'not kept');
    cache.follow(true);
    expect([cache.get('zj', ZHEJIANG), cache.get('other', ZHEJIANG)]).toEqual([undefined, undefined]);
  });

  it('serves nothing that depends on a province it cannot reach, nor anything without the region, and starts afresh after', () => {
    const cache = following();
    const keep = () => {
      cache.set('zj', ZHEJIANG, cache.stamp(ZHEJIANG), 'zhejiang answer');
      cache.set('sh', SHANGHAI, cache.stamp(SHANGHAI), 'shanghai answer');
      cache.set('region', 'every province', cache.stamp('every province'), 'region answer');
    };
    const served = () => [cache.get('zj', ZHEJIANG), cache.get('sh', SHANGHAI), cache.get('region', 'every province')];
    keep();
    cache.reachable('ZHEJIANG', false);
    expect(served()).toEqual([undefined, 'shanghai answer', undefined]);
    keep();
    expect(served()).toEqual([undefined, 'shanghai answer', undefined]);
    cache.reachable('ZHEJIANG', true);
    expect(served()).toEqual([undefined, 'shanghai answer', undefined]);
    keep();
    expect(served()).toEqual(['zhejiang answer', 'shanghai answer', 'region answer']);
    cache.reachable('region', false);
    expect(served()).toEqual([undefined, undefined, undefined]);
  });

  it('stays within its bytes, the least recently used out first, and keeps no answer over its entry bound', () => {
    const cache = new FetchCache({ maxBytes: 10_000, maxEntryBytes: 2_000 });
    cache.follow(true);
    const answer = 'x'.repeat(500);
    for (let i = 0; i < 50; i++) {
      cache.set(`key ${i}`, ZHEJIANG, cache.stamp(ZHEJIANG), answer);
      // The first stays in use, so it stays.
      expect(cache.get('key 0', ZHEJIANG)).toBe(answer);
      expect(cache.size).toBeLessThanOrEqual(10_000);
    }
    expect(cache.entryCount).toBeGreaterThan(5);
    expect(cache.get('key 1', ZHEJIANG)).toBeUndefined();
    expect(cache.get('key 49', ZHEJIANG)).toBe(answer);
    cache.set('huge', ZHEJIANG, cache.stamp(ZHEJIANG), 'x'.repeat(5_000));
    expect(cache.get('huge', ZHEJIANG)).toBeUndefined();
  });

  it('is set from the environment: on by default, off with GATEWAY_CACHE=off, bounded, refusing bad values', () => {
    expect(fetchCacheFromEnv({})).toEqual({ maxBytes: 32 * 1024 * 1024 });
    expect(fetchCacheFromEnv({ GATEWAY_CACHE: 'off' })).toBe(false);
    expect(fetchCacheFromEnv({ GATEWAY_CACHE_MAX_MB: '8' })).toEqual({ maxBytes: 8 * 1024 * 1024 });
    expect(() => fetchCacheFromEnv({ GATEWAY_CACHE: 'maybe' })).toThrow(/GATEWAY_CACHE/);
    expect(() => fetchCacheFromEnv({ GATEWAY_CACHE_MAX_MB: '100000' })).toThrow(/GATEWAY_CACHE_MAX_MB/);
  });
});
