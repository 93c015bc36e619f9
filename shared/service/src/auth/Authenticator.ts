import { hash } from 'node:crypto';
import {
  SignJWT, createLocalJWKSet, decodeJwt, errors as joseErrors, importPKCS8, jwtVerify, type JWTPayload, type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { DELEGATED_SCOPE, DomainError, ErrorCode, READ_ONLY_SCOPE, ROLES, type Actor, type Role } from '@yrd/domain';
import { DELEGATION_ISSUER, authConfigFrom, type AuthConfig, type AuthKeys } from './authConfig';

const VERIFIED_CACHE_SIZE = 10_000;
/** The longest Authorization header read: a JWT of this platform is well under 2 KB. */
export const MAX_AUTHORIZATION_CHARS = 8192;

/** UNAUTHENTICATED, answered over HTTP with 401. */
export const notAuthenticated = (message: string) =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

const claims = z.object({
  sub: z.string().min(1).max(100),
  role: z.enum(ROLES),
  province: z.string().regex(/^[A-Z]{2,20}$/).optional(),
  scopes: z.array(z.string().max(100)).max(50).optional(),
});

export interface TokenRequest {
  readonly subject: string;
  readonly role: Role;
  readonly province?: string | null;
  readonly scopes?: readonly string[];
  /** Lifetime, e.g. '12h' (default) or '15m'. */
  readonly expiresIn?: string;
}

/**
 * Verifies the bearer tokens every service receives (jose), and issues them for the embedded default and tests.
 * A valid token is signed by the configured key, names this platform as issuer and audience, has not expired, and
 * carries a subject, a role, and for an office the province it belongs to.
 */
type VerifyKey = Uint8Array | JWTVerifyGetKey;
const verifyKeyOf = (keys: AuthKeys): VerifyKey => (keys.algorithm === 'HS256' ? keys.secret : createLocalJWKSet(keys.jwks));

export class Authenticator {
  private readonly verifyKey: VerifyKey;
  private readonly delegationKey: VerifyKey | null;
  private readonly verified = new Map<string, { session: { actor: Actor; expiresAt: number }; until: number }>();

  constructor(private readonly config: AuthConfig, private readonly provinces: readonly string[]) {
    this.verifyKey = verifyKeyOf(config.keys);
    this.delegationKey = config.delegation ? verifyKeyOf(config.delegation.keys) : null;
  }

  /** Whether tokens are signed with the embedded default's development secret. */
  get development(): boolean {
    return this.config.development === true;
  }

  /** The caller of a request from its Authorization header; UNAUTHENTICATED (401) saying what is wrong otherwise. */
  async actorFrom(authorization: string | undefined): Promise<Actor> {
    return (await this.session(authorization)).actor;
  }

  /** The caller and when its token expires (ms since the epoch): a subscription ends then. */
  async session(authorization: string | undefined): Promise<{ actor: Actor; expiresAt: number }> {
    if (!authorization) throw notAuthenticated('Authentication required: send "Authorization: Bearer <token>" (npm run token -- analyst prints one)');
    // Bounded before any work: a header padded to megabytes would be trimmed, matched and cached at that size.
    if (authorization.length > MAX_AUTHORIZATION_CHARS) throw notAuthenticated(`The Authorization header must be at most ${MAX_AUTHORIZATION_CHARS} characters`);
    const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw notAuthenticated('The Authorization header must be "Bearer <token>"');
    // A token verified a moment ago is the same token: each request checks it two or three times (guard, context,
    // subgraph), and a partner sends the same one all day. Kept until it expires, for at most a minute, keyed by its
    // hash: however it is spaced, one token is one entry of a few bytes.
    const key = hash('sha256', match[1], 'base64url');
    const known = this.verified.get(key);
    if (known && known.until > Date.now()) return known.session;
    const session = await this.verify(match[1]);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(key, { session, until: Math.min(Date.now() + 60_000, session.expiresAt) });
    return session;
  }

  /** How many verified tokens are kept (for tests of the cache's bound). */
  get cachedTokens(): number {
    return this.verified.size;
  }

  /**
   * The token's claims once its signature checks out. The (unverified) issuer only chooses which key must have
   * signed it: a token naming the webhooks' issuer is checked against the delegation key alone, any other against
   * the platform's, so neither key's tokens pass for the other's.
   */
  private async verify(token: string): Promise<{ actor: Actor; expiresAt: number }> {
    let payload: JWTPayload;
    const delegated = issuerOf(token) === DELEGATION_ISSUER && this.config.issuer !== DELEGATION_ISSUER;
    try {
      const keys = delegated ? this.config.delegation?.keys : this.config.keys;
      const key = delegated ? this.delegationKey : this.verifyKey;
      if (!keys || !key) throw notAuthenticated('The token is a webhook delivery\'s, and this service accepts none (no WEBHOOK_TOKEN_JWKS_FILE)');
      const options = {
        issuer: delegated ? DELEGATION_ISSUER : this.config.issuer, audience: this.config.audience, algorithms: [keys.algorithm],
        requiredClaims: ['exp', 'sub'],
        // Hosts' clocks differ a little: the gateway and a subgraph must agree on a token near its expiry.
        clockTolerance: 30,
      };
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw notAuthenticated(describe(error));
    }
    const parsed = claims.safeParse(payload);
    if (!parsed.success) throw notAuthenticated(`The token's claims are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const { sub, role, province, scopes } = parsed.data;
    if (role === 'office' && (!province || !this.provinces.includes(province))) {
      throw notAuthenticated(`An office token must name its province, one of ${this.provinces.join(', ')}`);
    }
    return {
      actor: {
        subject: sub, role, province: role === 'office' ? (province as string) : null,
        // Read-only whatever the token claims: the delegation key can never grant a write.
        scopes: delegated ? [READ_ONLY_SCOPE, DELEGATED_SCOPE] : scopes ?? [],
      },
      expiresAt: Number(payload.exp) * 1000,
    };
  }

  /** A signed token (HS256, or RS256 when a private key is configured). */
  async issue(request: TokenRequest): Promise<string> {
    if (request.role === 'office' && (!request.province || !this.provinces.includes(request.province))) {
      throw new Error(`an office token needs a province: one of ${this.provinces.join(', ')}`);
    }
    const { keys } = this.config;
    const token = new SignJWT({
      role: request.role, ...(request.role === 'office' ? { province: request.province } : {}),
      ...(request.scopes?.length ? { scopes: [...request.scopes] } : {}),
    })
      .setSubject(request.subject).setIssuer(this.config.issuer).setAudience(this.config.audience)
      .setIssuedAt().setExpirationTime(request.expiresIn ?? '12h');
    if (keys.algorithm === 'HS256') return token.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.secret);
    if (!keys.privateKeyPem) throw new Error('issuing RS256 tokens needs JWT_PRIVATE_KEY_FILE');
    const kid = typeof keys.jwks.keys[0]?.kid === 'string' ? keys.jwks.keys[0].kid : undefined;
    return token.setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) })
      .sign(await importPKCS8(keys.privateKeyPem, 'RS256'));
  }
}

/** A service's authenticator from its environment (see authConfigFrom). */
export const loadAuthenticator = (dataDir: string, provinces: readonly string[], env: NodeJS.ProcessEnv = process.env) =>
  new Authenticator(authConfigFrom(env, dataDir), provinces);

/** The issuer a token names, before any check; null for a malformed one (its verification then says so). */
function issuerOf(token: string): string | null {
  try {
    return decodeJwt(token).iss ?? null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired: get a new one';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token\'s signature is not valid for this platform';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not valid: ${error.reason}`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this platform does not accept';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token is signed with a key this platform does not know';
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys) return 'The token names no key (kid) and several keys could have signed it';
  return 'The token is malformed';
}
