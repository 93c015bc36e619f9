import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '@yrd/domain';

// Every service a test starts, in this process or as a child, reads the key from the environment.
process.env.JWT_SECRET ??= randomBytes(32).toString('base64url');
// The webhook worker's read-only tokens: a key apart from the platform's.
process.env.WEBHOOK_TOKEN_SECRET ??= randomBytes(32).toString('base64url');
// One log line per operation is for operators; tests show warnings and errors only.
process.env.LOG_LEVEL ??= 'warn';
const ISSUER = process.env.JWT_ISSUER ?? 'yrd-port-clearance';
const AUDIENCE = process.env.JWT_AUDIENCE ?? 'yrd-graph';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * A token signed with the tests' key. Written with node:crypto rather than jose because the tests need headers
 * synchronously (jose signs asynchronously); the services verify it with jose like any other.
 */
export function testToken(claims: { sub: string; role: Role; province?: string; exp?: number; iss?: string; aud?: string },
  secret = process.env.JWT_SECRET as string): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600, ...claims };
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Headers of a province office's clerk. */
export const officeOf = (province: string, subject = `clerk@${province.toLowerCase()}`) =>
  bearer(testToken({ sub: subject, role: 'office', province }));
export const partner = bearer(testToken({ sub: 'partner-system', role: 'partner' }));
export const analyst = bearer(testToken({ sub: 'analyst', role: 'analyst' }));
