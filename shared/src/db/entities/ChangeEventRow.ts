import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChangeKind, EntityKind } from '../../domain';

/** The transactional outbox: written in the same transaction as the change it describes; id is the cursor. */
@Entity('change_event')
export class ChangeEventRow {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 20 }) province!: string;
  @Column({ type: 'varchar', length: 20 }) entity!: EntityKind;
  @Column({ name: 'entity_id', type: 'varchar', length: 64 }) entityId!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: ChangeKind;
  @Column({ type: 'varchar', length: 24 }) at!: string;
  @Column({ type: 'varchar', length: 100 }) actor!: string;
  /** JSON array of the names of the fields that changed. */
  @Column({ name: 'changed_fields', type: 'text' }) changedFields!: string;
}
