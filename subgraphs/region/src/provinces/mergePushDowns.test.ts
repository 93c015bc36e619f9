import { parse } from 'graphql';
import { mergePushDowns } from './mergePushDowns';

const capacity = { query: 'query ($period: YearMonth!) { zhejiang { capacitySummaries(from: $period, to: $period) { throughputTeu } } }', variables: { period: '2024-12' } };
const samples = { query: 'query ($period: YearMonth!) { zhejiang { clearanceSamples(from: $period, to: $period) { importClearanceHours } } }', variables: { period: '2024-11' } };

describe('mergePushDowns', () => {
  it('sends one push-down as it is', () => {
    const merged = mergePushDowns([capacity]);
    expect(merged.query).toBe(capacity.query);
    expect(merged.variables).toBe(capacity.variables);
  });

  it('merges several into one operation, each with its own variables, and splits the answer back', () => {
    const merged = mergePushDowns([capacity, samples]);
    expect(() => parse(merged.query)).not.toThrow();
    expect(merged.query).toContain('$p0_period: YearMonth!');
    expect(merged.query).toContain('p1_zhejiang: zhejiang');
    expect(merged.variables).toEqual({ p0_period: '2024-12', p1_period: '2024-11' });
    const [first, second] = merged.split({
      data: { p0_zhejiang: { capacitySummaries: [{ throughputTeu: 5 }] }, p1_zhejiang: null },
      errors: [{ message: 'boom', path: ['p1_zhejiang', 'clearanceSamples'] }],
    });
    expect(first).toEqual({ data: { zhejiang: { capacitySummaries: [{ throughputTeu: 5 }] } }, errors: [] });
    expect(second).toEqual({ data: { zhejiang: null }, errors: [{ message: 'boom', path: ['zhejiang', 'clearanceSamples'] }] });
  });

  it('gives an error of the whole request (no path, a variable refused) to every part', () => {
    const parts = mergePushDowns([capacity, samples]).split({ errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(parts.map((p) => p.errors.map((e) => e.message))).toEqual([['bad'], ['bad']]);
    expect(parts.every((p) => p.data === null)).toBe(true);
  });
});
