import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProvenanceColumns } from './ProvenanceColumns';
import type { CommitmentStatus } from '@yrd/domain';

/** A partner province's commitment to another province's initiative; id is `<LEAD>:<initiative>:<PARTNER>`. */
@Entity('commitment')
export class CommitmentRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Index('idx_commitment_initiative')
  @Column({ name: 'initiative_id', type: 'varchar', length: 40 }) initiativeId!: string;
  @Column({ name: 'lead_province', type: 'varchar', length: 20 }) leadProvince!: string;
  @Column({ type: 'varchar', length: 500 }) summary!: string;
  @Column({ name: 'responsible_agency', type: 'varchar', length: 120 }) responsibleUnit!: string;
  @Column({ type: 'varchar', length: 10, nullable: true }) due!: string | null;
  @Column({ type: 'varchar', length: 12 }) status!: CommitmentStatus;
  @Column(() => ProvenanceColumns, { prefix: false }) provenance!: ProvenanceColumns;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
}
