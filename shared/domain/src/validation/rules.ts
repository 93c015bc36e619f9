import { z } from 'zod';

/** UN/LOCODE: country code and three letters or digits 2-9 (DOMAIN.md). */
export const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

export const locode = z.string().regex(LOCODE, 'must be a UN/LOCODE such as CNNBO (5 characters, A-Z and 2-9)');
export const iata = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter IATA code');
export const icao = z.string().regex(/^[A-Z]{4}$/, 'must be a 4-letter ICAO code');
export const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:_.-]{0,39}$/, 'must be 1 to 40 letters, digits, or : _ . -');

/** A non-empty line of text of at most `max` characters, trimmed. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty')
  .max(max, `must be at most ${max} characters`);

/** Today's date in UTC, YYYY-MM-DD: the day "today" means everywhere (overdue, asOf). */
export const today = () => new Date().toISOString().slice(0, 10);

/** A real calendar date, YYYY-MM-DD, between 1900 and 2100. */
export const isoDate = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2100 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}, 'must be a real date, YYYY-MM-DD, between 1900 and 2100');

/** An instant, ISO 8601 with a time zone, returned in the one form the outbox stores (UTC, milliseconds), so that it compares as text. */
export const instant = z.string().max(40).refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)
  && !Number.isNaN(Date.parse(s)), 'must be an instant such as 2024-12-01T08:00:00Z')
  .transform((s) => new Date(s).toISOString());

/** A month, YYYY-MM, between 1990 and 2100. */
export const period = z.string().regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM, 1990 to 2100');

const HOURS_IN_A_YEAR = 8760;
export const hours = z.number().finite().min(0, 'must be at least 0').lt(HOURS_IN_A_YEAR, 'must be below a year (8760)');
export const amount = (max: number) => z.number().finite().min(0, 'must be at least 0').max(max, `must be at most ${max}`);
export const count = (max: number) => z.number().int('must be a whole number').min(0, 'must be at least 0')
  .max(max, `must be at most ${max}`);

export const idempotencyKey = z.string().regex(/^[\x21-\x7e]{8,100}$/, 'must be 8 to 100 printable ASCII characters')
  .optional().nullable();
export const expectedVersion = z.number().int('must be a whole number').min(1, 'must be at least 1');
