import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mutation already applied under an idempotency key, scoped to the caller who sent it. */
@Entity('idempotency_record')
export class IdempotencyRow {
  @PrimaryColumn({ type: 'varchar', length: 100 }) actor!: string;
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 100 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 40 }) mutation!: string;
  /** sha256 of the mutation's arguments: the same key with other arguments is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash!: string;
  /** The key of the record the first call returned. */
  @Column({ name: 'result_key', type: 'varchar', length: 64 }) resultKey!: string;
  /** The outbox position of the change the first call made: a retry answers the same change cursor. */
  @Column({ name: 'change_position', type: 'integer', nullable: true }) changePosition!: number | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt!: string;
}
