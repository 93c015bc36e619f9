import { z } from 'zod';

/** After the first attempt fails: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then every 10 h (the last step repeats). */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [5e3, 300e3, 1800e3, 7200e3, 18000e3, 36000e3];

const UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3 };
const step = z.string().trim().regex(/^\d{1,7}(ms|s|m|h)$/, 'each step is a number and a unit: 500ms, 5s, 5m or 2h');

/** WEBHOOK_RETRY_SCHEDULE, e.g. "5s,5m,30m,2h,5h,10h": at most 20 steps, each up to a week. */
export function retryScheduleFrom(value: string | undefined): readonly number[] {
  if (!value) return DEFAULT_RETRY_SCHEDULE_MS;
  const steps = z.array(step).min(1).max(20).parse(value.split(','));
  return steps.map((s) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h)$/.exec(s.trim()) ?? [];
    const ms = Number(amount) * UNITS[unit];
    if (ms > 7 * 24 * 3600e3) throw new Error(`a retry step may be at most a week, not ${s.trim()}`);
    return ms;
  });
}

/**
 * How long to wait before attempt `failures + 1`, after `failures` failed attempts: the schedule's step, the last one
 * repeating, with ±20 % jitter so that the endpoints of one outage do not all come back at once.
 */
export function retryDelayMs(failures: number, schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS, random = Math.random): number {
  const base = schedule[Math.min(Math.max(failures, 1), schedule.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}
