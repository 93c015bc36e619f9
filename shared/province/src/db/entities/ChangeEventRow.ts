import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ChangeKind, EntityKind } from '@yrd/domain';

/** The transactional outbox: written in the same transaction as the change it describes; id is the cursor. */
@Entity('change_event')
@Index('idx_change_event_record', ['entity', 'entityId'])
export class ChangeEventRow {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 20 }) province!: string;
  @Column({ type: 'varchar', length: 20 }) entity!: EntityKind;
  @Column({ name: 'entity_id', type: 'varchar', length: 64 }) entityId!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: ChangeKind;
  @Index('idx_change_event_at') @Column({ type: 'varchar', length: 24 }) at!: string;
  @Column({ type: 'varchar', length: 100 }) actor!: string;
  /** JSON array of the names of the fields that changed. */
  @Column({ name: 'changed_fields', type: 'text' }) changedFields!: string;
  /** JSON array of each changed field's old and new value (FieldChange); null in events written before it was kept. */
  @Column({ name: 'field_changes', type: 'text', nullable: true }) fieldChanges!: string | null;
}
