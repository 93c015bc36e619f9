import type { Actor } from '@yrd/domain';

export interface WebhookContext {
  /** Who is calling, from its token. */
  readonly actor: Actor;
  /** The caller's identity headers: the start cursor is asked of the region as the caller. */
  readonly forward: Readonly<Record<string, string>>;
}
