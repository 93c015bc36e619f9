import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProvenanceColumns } from './ProvenanceColumns';
import type { InitiativeCategory, InitiativeStatus } from '@yrd/domain';

/** A joint initiative, stored by its lead province. */
@Entity('initiative')
export class InitiativeRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  /** The English title. */
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ name: 'title_zh', type: 'varchar', length: 200, nullable: true }) titleZh!: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) description!: string | null;
  @Column({ type: 'varchar', length: 20 }) category!: InitiativeCategory;
  @Index('idx_initiative_status') @Column({ type: 'varchar', length: 12 }) status!: InitiativeStatus;
  /** Partner province codes, comma-separated in the order given. */
  @Column({ type: 'varchar', length: 200 }) partners!: string;
  @Column({ name: 'start_on', type: 'varchar', length: 10 }) startOn!: string;
  /** Why it was cancelled; null otherwise. */
  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true }) statusReason!: string | null;
  @Column(() => ProvenanceColumns, { prefix: false }) provenance!: ProvenanceColumns;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
}
