import { isoDate, locode, period } from './rules';

describe('validation rules', () => {
  it.each(['2024-02-29', '2006-11-30', '1900-01-01'])('accepts the real date %s', (d) => expect(isoDate.safeParse(d).success).toBe(true));
  it.each(['2023-02-29', '2024-13-01', '2024-04-31', '24-01-01', '2024-1-1', '1899-12-31', ''])('refuses %s', (d) => {
    expect(isoDate.safeParse(d).success).toBe(false);
  });
  it.each(['CNNBO', 'CNSHA', 'NLRTM', 'CN2A9'])('accepts the UN/LOCODE %s', (c) => expect(locode.safeParse(c).success).toBe(true));
  it.each(['CN1AB', 'cnnbo', 'CNNB', 'CNNBOX', 'CN-NB'])('refuses %s as a UN/LOCODE', (c) => expect(locode.safeParse(c).success).toBe(false));
  it.each([['2024-12', true], ['2024-00', false], ['1989-12', false], ['2024-1', false]])('period %s: %s', (p, ok) => {
    expect(period.safeParse(p).success).toBe(ok);
  });
});
