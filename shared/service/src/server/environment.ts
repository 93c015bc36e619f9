import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** The repository root (where turbo.json is), so that .data is shared by every service started from anywhere in it. */
export function repositoryRoot(from = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from);
  }
}

const port = z.coerce.number().int().min(0).max(65535);

export const serviceEnvironment = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.optional(),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().regex(/^(mysql|mariadb):\/\//, 'must start with mysql:// or mariadb://').optional(),
  DATABASE_PREFIX: z.string().regex(/^[a-z0-9_]{1,32}$/, 'must be lower-case letters, digits or _').default('yrd_'),
  NODE_ENV: z.string().optional(),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
});

export type ServiceEnvironment = Omit<z.infer<typeof serviceEnvironment>, 'INTROSPECTION'> & {
  DATA_DIR: string;
  /** INTROSPECTION, else on outside production (NODE_ENV=production) and off in it. */
  INTROSPECTION: boolean;
};

/**
 * Reads and checks a service's environment once, at start. Every invalid variable is printed with what to do,
 * and the process exits: a service never starts half-configured.
 */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env): ServiceEnvironment {
  const result = serviceEnvironment.safeParse(env);
  if (!result.success) {
    for (const issue of result.error.issues) console.error(`invalid ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  return {
    ...result.data,
    DATA_DIR: result.data.DATA_DIR ?? join(repositoryRoot(), '.data'),
    INTROSPECTION: result.data.INTROSPECTION ? result.data.INTROSPECTION === 'true' : result.data.NODE_ENV !== 'production',
  };
}
