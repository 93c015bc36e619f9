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
  /**
   * The webhooks' delegation key: tokens it signs (issuer DELEGATION_ISSUER) are read-only, whatever they claim, so
   * that the webhook worker reads as an endpoint's owner and can never write. Null where none is configured.
   */
  readonly delegation: DelegationKeys | null;
}

/** The key of the webhook worker's read-only tokens, and where it came from (for the log). */
export interface DelegationKeys {
  readonly keys: AuthKeys;
  readonly source: string;
}

/** The issuer of the webhook worker's read-only tokens: not the platform's, so its tokens cannot pass for others. */
export const DELEGATION_ISSUER = 'yrd-webhooks';

export const authEnvironment = z.object({
  NODE_ENV: z.string().optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_FILE: z.string().optional(),
  JWT_PRIVATE_KEY_FILE: z.string().optional(),
  JWT_ISSUER: z.string().default('yrd-port-clearance'),
  JWT_AUDIENCE: z.string().default('yrd-graph'),
  WEBHOOK_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBHOOK_TOKEN_JWKS_FILE: z.string().optional(),
  WEBHOOK_TOKEN_PRIVATE_KEY_FILE: z.string().optional(),
});

export const isProduction = (env: NodeJS.ProcessEnv = process.env) => env.NODE_ENV === 'production';

const DEV_SECRET_FILE = 'dev-jwt-secret';
const DEV_DELEGATION_SECRET_FILE = 'dev-webhooks-secret';

/**
 * The embedded default's signing secret under DATA_DIR, created by whichever service starts first. It is published
 * with link(2), which fails if the file exists, so services starting together all read the same complete secret.
 */
export function devSecret(dataDir: string, name = DEV_SECRET_FILE): Uint8Array {
  const file = join(dataDir, name);
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

/** An HS256 secret, or RS256 keys from a JWKS file (and the private key, for whoever issues), by their variables. */
function configuredKeys(secret: string | undefined, jwksFile: string | undefined, privateKeyFile: string | undefined, names: string): { keys: AuthKeys; source: string } | null {
  const [secretName, jwksName] = names.split(' ');
  if (secret && jwksFile) throw new Error(`set ${secretName} or ${jwksName}, not both`);
  if (secret) return { source: `${secretName} (HS256)`, keys: { algorithm: 'HS256', secret: new TextEncoder().encode(secret) } };
  if (!jwksFile) return null;
  const jwks = JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys?: unknown };
  if (!Array.isArray(jwks.keys) || !jwks.keys.length) throw new Error(`${jwksName} must hold a JSON Web Key Set with at least one key`);
  return {
    source: `${jwksName} (RS256)`,
    keys: { algorithm: 'RS256', jwks: jwks as JSONWebKeySet, privateKeyPem: privateKeyFile ? readFileSync(privateKeyFile, 'utf8') : null },
  };
}

/**
 * The token keys from the environment: JWT_SECRET (HS256) or JWT_JWKS_FILE (RS256; JWT_PRIVATE_KEY_FILE as well to
 * issue tokens). Outside production, with neither, a development secret under DATA_DIR. In production without one
 * the service refuses to start. The webhooks' delegation key likewise: WEBHOOK_TOKEN_SECRET or
 * WEBHOOK_TOKEN_JWKS_FILE (WEBHOOK_TOKEN_PRIVATE_KEY_FILE on the webhooks service only), a development secret of its
 * own outside production, none in production unless configured.
 */
export function authConfigFrom(env: NodeJS.ProcessEnv, dataDir: string): AuthConfig {
  const parsed = authEnvironment.parse(env);
  const base = { issuer: parsed.JWT_ISSUER, audience: parsed.JWT_AUDIENCE };
  const production = isProduction(env);
  const delegation = configuredKeys(parsed.WEBHOOK_TOKEN_SECRET, parsed.WEBHOOK_TOKEN_JWKS_FILE, parsed.WEBHOOK_TOKEN_PRIVATE_KEY_FILE, 'WEBHOOK_TOKEN_SECRET WEBHOOK_TOKEN_JWKS_FILE')
    ?? (production ? null : {
      source: `development secret in ${join(dataDir, DEV_DELEGATION_SECRET_FILE)}`,
      keys: { algorithm: 'HS256' as const, secret: devSecret(dataDir, DEV_DELEGATION_SECRET_FILE) },
    });
  const platform = configuredKeys(parsed.JWT_SECRET, parsed.JWT_JWKS_FILE, parsed.JWT_PRIVATE_KEY_FILE, 'JWT_SECRET JWT_JWKS_FILE');
  if (platform) return { ...base, ...platform, delegation };
  if (production) {
    throw new Error('NODE_ENV is production but no token key is configured: set JWT_SECRET (HS256) or JWT_JWKS_FILE (RS256)');
  }
  return {
    ...base, development: true, source: `development secret in ${join(dataDir, DEV_SECRET_FILE)}`, delegation,
    keys: { algorithm: 'HS256', secret: devSecret(dataDir) },
  };
}
