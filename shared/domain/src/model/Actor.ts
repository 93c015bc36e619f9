import type { Role } from './enums';

/** Who is calling: carried in every request context. `province` is set for province offices only. */
export interface Actor {
  readonly subject: string;
  readonly role: Role;
  readonly province: string | null;
  readonly scopes: readonly string[];
}

export const ANONYMOUS: Actor = { subject: 'anonymous', role: 'analyst', province: null, scopes: [] };

/** A token with this scope may read and subscribe but never write (a webhook worker reading as an endpoint's owner). */
export const READ_ONLY_SCOPE = 'read-only';
/** Marks a token the webhooks service issued for an endpoint's owner: counted apart from the owner's own. */
export const DELEGATED_SCOPE = 'webhook-delivery';

export const isReadOnly = (actor: Actor): boolean => actor.scopes.includes(READ_ONLY_SCOPE);
export const isDelegated = (actor: Actor): boolean => actor.scopes.includes(DELEGATED_SCOPE);
