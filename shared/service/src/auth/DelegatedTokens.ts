import { SignJWT, importPKCS8 } from 'jose';
import type { Role } from '@yrd/domain';
import { DELEGATION_ISSUER, type AuthConfig } from './authConfig';

/** Whom a delegated token reads as: an endpoint's owner, as it was when it registered. */
export interface DelegatedOwner {
  readonly subject: string;
  readonly role: Role;
  readonly province: string | null;
}

/**
 * Issues the webhook worker's tokens: the owner's subject, role and province under the delegation key, which every
 * service verifies as read-only (Authenticator). The worker holds this key and no other, so it can never issue an
 * office's (writing) token.
 */
export class DelegatedTokens {
  private readonly sign: (token: SignJWT) => Promise<string>;

  constructor(private readonly config: Pick<AuthConfig, 'audience' | 'delegation'>) {
    const keys = config.delegation?.keys;
    if (!keys) throw new Error('delivering webhooks needs the delegation key: WEBHOOK_TOKEN_SECRET, or WEBHOOK_TOKEN_JWKS_FILE with WEBHOOK_TOKEN_PRIVATE_KEY_FILE');
    if (keys.algorithm === 'HS256') {
      this.sign = (token) => token.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.secret);
    } else {
      const pem = keys.privateKeyPem;
      if (!pem) throw new Error('delivering webhooks needs WEBHOOK_TOKEN_PRIVATE_KEY_FILE beside WEBHOOK_TOKEN_JWKS_FILE');
      const kid = typeof keys.jwks.keys[0]?.kid === 'string' ? keys.jwks.keys[0].kid : undefined;
      const privateKey = importPKCS8(pem, 'RS256');
      this.sign = async (token) => token.setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(await privateKey);
    }
  }

  /** A read-only token for `owner`, valid for `expiresIn` (default 1 h): a subscription ends with it and resumes. */
  issue(owner: DelegatedOwner, expiresIn = '1h'): Promise<string> {
    return this.sign(new SignJWT({ role: owner.role, ...(owner.role === 'office' ? { province: owner.province } : {}) })
      .setSubject(owner.subject).setIssuer(DELEGATION_ISSUER).setAudience(this.config.audience)
      .setIssuedAt().setExpirationTime(expiresIn));
  }
}
