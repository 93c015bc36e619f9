import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';

/** How tokens are signed and checked: one HS256 secret, or RS256 keys published as a JWKS file. */
export type AuthKeys =
  | { readonly algorithm: 'HS256'; readonly secret: Uint8Array }
  | { readonly algorithm: 'RS256'; readonly jwks: JSONWebKeySet; readonly privateKeyPem: string | null };

export interface AuthConfig {
  readonly keys: AuthKeys;
  readonly issuer: string;
  readonly audience: string;
  /** Where the key came from, for the start-up log (never the key itself). */
  readonly source: string;
  /** The embedded default's development secret, not a configured key. */
  readonly development?: boolean;
}

export const authEnvironment = z.object({
  NODE_ENV: z.string().optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_FILE: z.string().optional(),
  JWT_PRIVATE_KEY_FILE: z.string().optional(),
  JWT_ISSUER: z.string().default('yrd-port-clearance'),
  JWT_AUDIENCE: z.string().default('yrd-graph'),
});

export const isProduction = (env: NodeJS.ProcessEnv = process.env) => env.NODE_ENV === 'production';

const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * The embedded default's signing secret under DATA_DIR, created by whichever service starts first. It is published
 * with link(2), which fails if the file exists, so services starting together all read the same complete secret.
 */
export function devSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, DEV_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  checkSecretFile(file);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_CHARS) throw new Error(`${file} holds no usable secret (under ${MIN_SECRET_CHARS} characters): delete it to have a new one made`);
  return new TextEncoder().encode(secret);
}

const MIN_SECRET_CHARS = 32;

/**
 * The secret signs office tokens: refused unless it is a plain file (not a link that could point anywhere), owned by
 * this user and readable by no one else, so that another account on the machine can neither read nor plant it.
 */
function checkSecretFile(file: string): void {
  const stat = lstatSync(file);
  if (!stat.isFile()) throw new Error(`${file} must be a plain file, not a link or anything else: delete it to have a new one made`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${file} belongs to user ${stat.uid}, not to this service's user ${uid}`);
  if (stat.mode & 0o077) {
    throw new Error(`${file} may be read or written by others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it, or delete it to have a new one made`);
  }
}

/**
 * The token keys from the environment: JWT_SECRET (HS256) or JWT_JWKS_FILE (RS256; JWT_PRIVATE_KEY_FILE as well to
 * issue tokens). Outside production, with neither, a development secret under DATA_DIR. In production without one
 * the service refuses to start.
 */
export function authConfigFrom(env: NodeJS.ProcessEnv, dataDir: string): AuthConfig {
  const parsed = authEnvironment.parse(env);
  const base = { issuer: parsed.JWT_ISSUER, audience: parsed.JWT_AUDIENCE };
  if (parsed.JWT_SECRET && parsed.JWT_JWKS_FILE) throw new Error('set JWT_SECRET or JWT_JWKS_FILE, not both');
  if (parsed.JWT_SECRET) {
    return { ...base, source: 'JWT_SECRET (HS256)', keys: { algorithm: 'HS256', secret: new TextEncoder().encode(parsed.JWT_SECRET) } };
  }
  if (parsed.JWT_JWKS_FILE) {
    const jwks = JSON.parse(readFileSync(parsed.JWT_JWKS_FILE, 'utf8')) as { keys?: unknown };
    if (!Array.isArray(jwks.keys) || !jwks.keys.length) throw new Error('JWT_JWKS_FILE must hold a JSON Web Key Set with at least one key');
    return {
      ...base, source: `JWT_JWKS_FILE (RS256)`,
      keys: {
        algorithm: 'RS256', jwks: jwks as JSONWebKeySet,
        privateKeyPem: parsed.JWT_PRIVATE_KEY_FILE ? readFileSync(parsed.JWT_PRIVATE_KEY_FILE, 'utf8') : null,
      },
    };
  }
  if (isProduction(env)) {
    throw new Error('NODE_ENV is production but no token key is configured: set JWT_SECRET (HS256) or JWT_JWKS_FILE (RS256)');
  }
  return {
    ...base, development: true, source: `development secret in ${join(dataDir, DEV_SECRET_FILE)}`,
    keys: { algorithm: 'HS256', secret: devSecret(dataDir) },
  };
}
