import { comparePositions, decodePortCursor, encodePortCursor, type PortOrder } from './portOrder';

describe('port order', () => {
  const hoursDesc: PortOrder = { field: 'IMPORT_CLEARANCE_HOURS', direction: 'DESC' };
  it('sorts by value in the direction asked, nulls last, then by code', () => {
    const rows = [
      { value: null, code: 'CNB' }, { value: 5, code: 'CNZ' }, { value: 9, code: 'CNC' }, { value: 5, code: 'CNA' }, { value: null, code: 'CNA' },
    ];
    expect([...rows].sort((a, b) => comparePositions(a, b, hoursDesc)).map((r) => `${r.value}:${r.code}`))
      .toEqual(['9:CNC', '5:CNA', '5:CNZ', 'null:CNA', 'null:CNB']);
  });
  it('round-trips a cursor and refuses a forged one with BAD_USER_INPUT', () => {
    expect(decodePortCursor(encodePortCursor({ value: 34.75, code: 'CNNBO' }))).toEqual({ value: 34.75, code: 'CNNBO' });
    expect(() => decodePortCursor('not-a-cursor')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
  });
});
