import type { Role } from './enums';

/** Who is calling: carried in every request context. `province` is set for province offices only. */
export interface Actor {
  readonly subject: string;
  readonly role: Role;
  readonly province: string | null;
  readonly scopes: readonly string[];
}

export const ANONYMOUS: Actor = { subject: 'anonymous', role: 'analyst', province: null, scopes: [] };
