import { ANONYMOUS, ROLES, type Actor, type Role } from '../domain';

export type HeaderLookup = (name: string) => string | undefined;

/**
 * The caller's identity from the x-yrd-* headers. Step 1 trusts them as they come; token verification (JWT) takes
 * this function's place in a later step, and nothing downstream changes because resolvers only see the Actor.
 */
export function identityFromHeaders(header: HeaderLookup): Actor {
  const subject = header('x-yrd-subject');
  const role = header('x-yrd-role');
  if (!subject || !role || !(ROLES as readonly string[]).includes(role)) return ANONYMOUS;
  return {
    subject,
    role: role as Role,
    province: header('x-yrd-province')?.toUpperCase() ?? null,
    scopes: (header('x-yrd-scopes') ?? '').split(/[\s,]+/).filter(Boolean),
  };
}
