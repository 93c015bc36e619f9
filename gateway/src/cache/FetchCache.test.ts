import { ANY_KIND } from '@yrd/domain';
import { FetchCache, answerDay, type Dependency } from './FetchCache';
import { checkHeapRoom, fetchCacheFromEnv } from './fetchCacheFromEnv';

const ZHEJIANG: Dependency = { province: 'ZHEJIANG', kind: ANY_KIND };
const SHANGHAI: Dependency = { province: 'SHANGHAI', kind: ANY_KIND };

function following(maxBytes = 1024 * 1024) {
  const cache = new FetchCache({ maxBytes, maxEntryBytes: maxBytes });
  cache.follow(true);
  return cache;
}

describe('the fetch cache', () => {
  it('serves an answer until a change to what it depends on: its province, or any for the region', () => {
    const cache = following();
    cache.set('zj', [cache.stamped([ZHEJIANG])], 'zhejiang answer');
    cache.set('sh', [cache.stamped([SHANGHAI])], 'shanghai answer');
    cache.set('region', [cache.stamped(['every province'])], 'region answer');
    expect([cache.get('zj'), cache.get('sh'), cache.get('region')])
      .toEqual(['zhejiang answer', 'shanghai answer', 'region answer']);
    cache.changed('SHANGHAI');
    expect([cache.get('zj'), cache.get('sh'), cache.get('region')])
      .toEqual(['zhejiang answer', undefined, undefined]);
    expect(cache.counts).toMatchObject({ hits: 4, misses: 2, stored: 3, invalidations: 1 });
  });

  it('keeps a whole answer until a change to any of the provinces its fetches asked, and no other', () => {
    const cache = following();
    const whole = { ports: [{ code: 'CNNBO' }, { code: 'CNSHA' }] };
    cache.set('whole', [cache.stamped([ZHEJIANG]), cache.stamped([SHANGHAI])], whole, 200);
    cache.changed('JIANGSU');
    expect(cache.get('whole')).toBe(whole);
    cache.changed('SHANGHAI');
    expect(cache.get('whole')).toBeUndefined();
    // Nothing to stand on (no fetch) is not kept, nor is an object without its size.
    cache.set('no fetch', [], whole, 200);
    cache.set('no size', [cache.stamped([ZHEJIANG])], whole);
    expect([cache.get('no fetch'), cache.get('no size')]).toEqual([undefined, undefined]);
  });

  it('voids once per write of its own: the feed bringing the change back voids nothing more', () => {
    const cache = following();
    cache.changed('ZHEJIANG', null, [41]);
    cache.set('zj', [cache.stamped([ZHEJIANG])], 'fetched after the write');
    cache.heard('ZHEJIANG', null, 41);
    expect(cache.get('zj')).toBe('fetched after the write');
    // Another position, or one heard before the write's answer came, voids.
    cache.heard('ZHEJIANG', null, 42);
    expect(cache.get('zj')).toBeUndefined();
    cache.set('zj', [cache.stamped([ZHEJIANG])], 'again');
    cache.heard('ZHEJIANG', null, 41);
    expect(cache.get('zj')).toBeUndefined();
    // A position the feed has passed never comes: a later change of that number (the feed begun anew) voids.
    cache.changed('ZHEJIANG', null, [50]);
    cache.heard('ZHEJIANG', null, 51);
    cache.set('zj', [cache.stamped([ZHEJIANG])], 'after 51');
    cache.heard('ZHEJIANG', null, 50);
    expect(cache.get('zj')).toBeUndefined();
    expect(cache.counts).toMatchObject({ echoes: 1, invalidations: 6 });
  });

  it('voids once when the feed brings a write\'s change before its answer: the answer voids nothing more', () => {
    const cache = following();
    const since = cache.since();
    cache.heard('ZHEJIANG', 'CapacityRecord', 60);
    cache.set('zj', [cache.stamped([{ province: 'ZHEJIANG', kind: 'CapacityRecord' }])], 'fetched after the change came');
    const { invalidations, echoes } = cache.counts;
    cache.written('ZHEJIANG', [{ position: 60, entity: 'CapacityRecord', id: 'CNNGB:CUSTOMS:2030-01' }], since);
    expect(cache.get('zj')).toBe('fetched after the change came');
    expect(cache.counts).toMatchObject({ invalidations, echoes: echoes + 1 });
    // Heard before the write began: not its change (a position can be reused when a province's feed begins anew).
    cache.written('ZHEJIANG', [{ position: 60, entity: 'CapacityRecord', id: 'CNNGB:CUSTOMS:2030-01' }], cache.since());
    expect(cache.get('zj')).toBeUndefined();
    // Neither is one heard in an earlier following of the feed.
    const again = cache.since();
    cache.heard('ZHEJIANG', 'Port', 61);
    cache.follow(false);
    cache.follow(true);
    cache.set('port', [cache.stamped([{ province: 'ZHEJIANG', kind: 'Port' }])], 'port');
    cache.written('ZHEJIANG', [{ position: 61, entity: 'Port', id: 'CNNGB' }], again);
    expect(cache.get('port')).toBeUndefined();
  });

  it('voids per kind of record where an answer says what it read, and every kind on a change of unknown kind', () => {
    const cache = following();
    const keep = () => {
      cache.set('capacity', [cache.stamped([{ province: 'ZHEJIANG', kind: 'Port' }, { province: 'ZHEJIANG', kind: 'CapacityRecord' }])], 'ports');
      cache.set('routes', [cache.stamped([{ province: 'ZHEJIANG', kind: 'Route' }, { province: 'SHANGHAI', kind: 'Port' }])], 'routes');
      cache.set('audit', [cache.stamped([ZHEJIANG])], 'audit trail');
    };
    const served = () => [cache.get('capacity'), cache.get('routes'), cache.get('audit')];
    keep();
    cache.changed('ZHEJIANG', [{ entity: 'CapacityRecord', keys: null }]);
    expect(served()).toEqual([undefined, 'routes', undefined]);
    keep();
    cache.heard('SHANGHAI', 'Port', 7);
    expect(served()).toEqual(['ports', undefined, 'audit trail']);
    keep();
    cache.heard('ZHEJIANG', 'Initiative', 8);
    expect(served()).toEqual(['ports', 'routes', undefined]);
    keep();
    cache.changed('ZHEJIANG');
    expect(served()).toEqual([undefined, undefined, undefined]);
    // A change after the fetch began, of a kind the answer names when it comes, is caught when it is kept.
    const since = cache.since();
    cache.changed('ZHEJIANG', [{ entity: 'Route', keys: null }]);
    cache.set('routes', [cache.stamped([{ province: 'ZHEJIANG', kind: 'Route' }], since)], 'routes');
    cache.set('capacity', [cache.stamped([{ province: 'ZHEJIANG', kind: 'CapacityRecord' }], since)], 'ports');
    expect([cache.get('routes'), cache.get('capacity')]).toEqual([undefined, 'ports']);
  });

  it('voids per port where an answer read only some ports\' records of a kind, and a change says its port', () => {
    const cache = following();
    const ningbo = [{ province: 'ZHEJIANG', kind: 'Port', key: 'CNNGB' }, { province: 'ZHEJIANG', kind: 'CapacityRecord', key: 'CNNGB' }] as const;
    const wenzhou = [{ province: 'ZHEJIANG', kind: 'Port', key: 'CNWNZ' }, { province: 'ZHEJIANG', kind: 'CapacityRecord', key: 'CNWNZ' }] as const;
    const keep = () => {
      cache.set('ningbo', [cache.stamped(ningbo)], 'ningbo');
      cache.set('wenzhou', [cache.stamped(wenzhou)], 'wenzhou');
      cache.set('ports', [cache.stamped([{ province: 'ZHEJIANG', kind: 'CapacityRecord' }])], 'every port');
    };
    const served = () => [cache.get('ningbo'), cache.get('wenzhou'), cache.get('ports')];
    keep();
    // Through the feed, and from a write's answer: Ningbo's capacity, which leaves Wenzhou's answers standing.
    cache.heard('ZHEJIANG', 'CapacityRecord', 70, 'CNNGB:CUSTOMS:2030-01');
    expect(served()).toEqual([undefined, 'wenzhou', undefined]);
    keep();
    cache.written('ZHEJIANG', [{ position: 71, entity: 'Port', id: 'CNWNZ' }], cache.since());
    expect(served()).toEqual(['ningbo', undefined, 'every port']);
    // A change whose port is not known (a terminal, or a key that does not tell) voids every port's.
    keep();
    cache.heard('ZHEJIANG', 'CapacityRecord', 72);
    expect(served()).toEqual([undefined, undefined, undefined]);
    keep();
    cache.heard('ZHEJIANG', 'CapacityRecord', 73, 'cap-1234');
    expect(served()).toEqual([undefined, undefined, undefined]);
    keep();
    cache.changed('ZHEJIANG');
    expect(served()).toEqual([undefined, undefined, undefined]);
    // Another province's port of the same code is another record.
    keep();
    cache.heard('SHANGHAI', 'Port', 9, 'CNNGB');
    expect(served()).toEqual(['ningbo', 'wenzhou', 'every port']);
  });

  it('voids per month what read only some months\' capacity records: a capacity record keys its port and its month', () => {
    const cache = following();
    const october = { province: 'ZHEJIANG', kind: 'CapacityRecord', key: '2026-10' } as const;
    const keep = () => cache.set('october', [cache.stamped([october, { province: 'ZHEJIANG', kind: 'Port' }])], 'october totals');
    keep();
    cache.heard('ZHEJIANG', 'CapacityRecord', 80, 'CNNGB:CUSTOMS:2030-01');
    expect(cache.get('october')).toBe('october totals');
    cache.written('ZHEJIANG', [{ position: 81, entity: 'CapacityRecord', id: 'CNWNZ:MARITIME:2026-10' }], cache.since());
    expect(cache.get('october')).toBeUndefined();
    keep();
    cache.heard('ZHEJIANG', 'Port', 82, 'CNNGB');
    expect(cache.get('october')).toBeUndefined();
  });

  it('never keeps an answer fetched across a change: its stamp is taken when the fetch starts', () => {
    const cache = following();
    const before = cache.stamped([ZHEJIANG]);
    cache.changed('ZHEJIANG');
    cache.set('zj', [before], 'from before the change');
    expect(cache.get('zj')).toBeUndefined();
    expect(cache.counts.discarded).toBe(1);
  });

  it('keys answers by the UTC day they are given on, the next day from its first millisecond, and back if the clock is', () => {
    jest.useFakeTimers({ now: new Date('2026-12-04T23:59:59.999Z') });
    try {
      expect(answerDay()).toBe('2026-12-04');
      jest.setSystemTime(new Date('2026-12-05T00:00:00.000Z'));
      expect(answerDay()).toBe('2026-12-05');
      jest.setSystemTime(new Date('2026-12-04T12:00:00.000Z'));
      expect(answerDay()).toBe('2026-12-04');
    } finally {
      jest.useRealTimers();
    }
  });

  it('serves and keeps nothing while it does not follow the feed, and starts empty when it follows again', () => {
    const cache = following();
    cache.set('zj', [cache.stamped([ZHEJIANG])], 'kept');
    cache.follow(false);
    expect(cache.get('zj')).toBeUndefined();
    cache.set('other', [cache.stamped([ZHEJIANG])], 'not kept');
    cache.follow(true);
    expect([cache.get('zj'), cache.get('other')]).toEqual([undefined, undefined]);
  });

  it('serves nothing that depends on a province it cannot reach, nor anything without the region, and starts afresh after', () => {
    const cache = following();
    const keep = () => {
      cache.set('zj', [cache.stamped([ZHEJIANG])], 'zhejiang answer');
      cache.set('sh', [cache.stamped([SHANGHAI])], 'shanghai answer');
      cache.set('region', [cache.stamped(['every province'])], 'region answer');
    };
    const served = () => [cache.get('zj'), cache.get('sh'), cache.get('region')];
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
      cache.set(`key ${i}`, [cache.stamped([ZHEJIANG])], answer);
      // The first stays in use, so it stays.
      expect(cache.get('key 0')).toBe(answer);
      expect(cache.size).toBeLessThanOrEqual(10_000);
    }
    expect(cache.entryCount).toBeGreaterThan(5);
    expect(cache.get('key 1')).toBeUndefined();
    expect(cache.get('key 49')).toBe(answer);
    cache.set('huge', [cache.stamped([ZHEJIANG])], 'x'.repeat(5_000));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('is set from the environment: on by default, off with GATEWAY_CACHE=off, bounded, refusing bad values', () => {
    expect(fetchCacheFromEnv({})).toEqual({ maxBytes: 32 * 1024 * 1024 });
    expect(fetchCacheFromEnv({ GATEWAY_CACHE: 'off' })).toBe(false);
    expect(fetchCacheFromEnv({ GATEWAY_CACHE_MAX_MB: '8' })).toEqual({ maxBytes: 8 * 1024 * 1024 });
    expect(() => fetchCacheFromEnv({ GATEWAY_CACHE: 'maybe' })).toThrow(/GATEWAY_CACHE/);
    expect(() => fetchCacheFromEnv({ GATEWAY_CACHE_MAX_MB: '100000' })).toThrow(/GATEWAY_CACHE_MAX_MB/);
  });

  it('refuses to start with a cache bound the heap cannot hold beside the gateway', () => {
    const MiB = 1024 * 1024;
    // The shipped heap (192 MiB, V8 reports a little more) holds the default 32 MiB.
    expect(() => checkHeapRoom({ maxBytes: 32 * MiB }, 200 * MiB)).not.toThrow();
    expect(() => checkHeapRoom({ maxBytes: 256 * MiB }, 200 * MiB)).toThrow(/needs a heap of at least 416 MiB .* --max-old-space-size=416/);
    expect(() => checkHeapRoom(false, 64 * MiB)).not.toThrow();
  });
});
