import { canonicalRegionalCursor, decodeRegionalCursor, encodeRegionalCursor, positionIn } from './regionalCursor';

const PROVINCES = ['ZHEJIANG', 'SHANGHAI', 'JIANGSU'];

describe('the regional cursor', () => {
  it('round-trips one position per province', () => {
    const at = { ZHEJIANG: 12, SHANGHAI: 0, JIANGSU: 7 };
    expect(decodeRegionalCursor(encodeRegionalCursor(at), PROVINCES)).toEqual(at);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['a negative position', encodeRegionalCursor({ ZHEJIANG: -1 })],
    ['a fractional position', Buffer.from('{"ZHEJIANG":1.5}').toString('base64url')],
    ['a list', Buffer.from('[1,2]').toString('base64url')],
  ])('refuses %s with BAD_USER_INPUT on after', (_what, cursor) => {
    expect(() => decodeRegionalCursor(cursor, PROVINCES)).toThrow(expect.objectContaining({
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }),
    }));
  });

  it('refuses a province the region does not have', () => {
    expect(() => decodeRegionalCursor(encodeRegionalCursor({ ANHUI: 3 }), PROVINCES)).toThrow(/ANHUI/);
  });

  it('spells the same positions one way, whatever their order and white space; leaves anything else as it is', () => {
    const canonical = canonicalRegionalCursor(encodeRegionalCursor({ ZHEJIANG: 12, SHANGHAI: 0, JIANGSU: 7 }));
    const spelledApart = Buffer.from('{ "JIANGSU": 7,\n "ZHEJIANG": 12, "SHANGHAI": 0 }').toString('base64url');
    expect(canonicalRegionalCursor(spelledApart)).toBe(canonical);
    expect(decodeRegionalCursor(canonical, PROVINCES)).toEqual({ ZHEJIANG: 12, SHANGHAI: 0, JIANGSU: 7 });
    expect(canonicalRegionalCursor(encodeRegionalCursor({ ZHEJIANG: 13, SHANGHAI: 0, JIANGSU: 7 }))).not.toBe(canonical);
    for (const other of ['not-a-cursor', encodeRegionalCursor({ ZHEJIANG: -1 }), 'x'.repeat(5000)]) expect(canonicalRegionalCursor(other)).toBe(other);
  });

  it('reads one province\'s position, and null from anything that is not a cursor naming it', () => {
    const cursor = encodeRegionalCursor({ ZHEJIANG: 41, SHANGHAI: 7 });
    expect([positionIn(cursor, 'ZHEJIANG'), positionIn(cursor, 'JIANGSU')]).toEqual([41, null]);
    expect(positionIn('not a cursor', 'ZHEJIANG')).toBeNull();
    expect(positionIn(Buffer.from('{"ZHEJIANG":"41"}').toString('base64url'), 'ZHEJIANG')).toBeNull();
    expect(positionIn(Buffer.from('null').toString('base64url'), 'ZHEJIANG')).toBeNull();
  });
});
