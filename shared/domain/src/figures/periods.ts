import { badInput } from '../errors';

/** The most months one question may span (ten years). */
export const MAX_SERIES_MONTHS = 120;

/** The months from `from` to `to`, inclusive; refused when reversed or longer than MAX_SERIES_MONTHS. */
export function monthsBetween(from: string, to: string, field = 'to'): string[] {
  if (to < from) throw badInput(field, `must not be before from (${from})`);
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  for (let p = from; p <= to; p = `${year}-${String(month).padStart(2, '0')}`) {
    if (months.length === MAX_SERIES_MONTHS) throw badInput(field, `must be at most ${MAX_SERIES_MONTHS} months after from`);
    months.push(p);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** Rows by month, so that a series of n months reads each row once, not n times. */
export function byPeriod<T extends { period: string }>(rows: readonly T[]): (period: string) => readonly T[] {
  const months = new Map<string, T[]>();
  for (const row of rows) {
    const month = months.get(row.period);
    if (month) month.push(row);
    else months.set(row.period, [row]);
  }
  return (period) => months.get(period) ?? [];
}
