import type { ChangeKind, EntityKind } from '../model';

/** One row of a province's outbox, as its feed delivers it; `position` is the row's id, the feed's cursor. */
export interface FeedEvent {
  readonly position: number;
  readonly province: string;
  readonly entity: EntityKind;
  readonly id: string;
  readonly kind: ChangeKind;
  readonly at: string;
  readonly actor: string;
  readonly changedFields: readonly string[];
}
