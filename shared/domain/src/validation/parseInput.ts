import type { z } from 'zod';
import { badInput } from '../errors';

/**
 * Validates `value` against `schema`; on failure throws one BAD_USER_INPUT error whose `field` is the path of the
 * first offending argument (`input.weeklyFrequency`) and whose `issues` list every problem found.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, path: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: [path, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
  const error = badInput(issues[0].field, issues[0].message);
  error.extensions.issues = issues;
  throw error;
}
