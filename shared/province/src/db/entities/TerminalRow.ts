import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProvenanceColumns } from './ProvenanceColumns';
import { PortRow } from './PortRow';
import type { CapacityUnit, TerminalStage } from '@yrd/domain';

@Entity('terminal')
export class TerminalRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Index('idx_terminal_port') @Column({ name: 'port_code', type: 'varchar', length: 5 }) portCode!: string;
  /** The English name. */
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 120, nullable: true }) nameZh!: string | null;
  @Column({ type: 'varchar', length: 120 }) operator!: string;
  @Column({ type: 'integer' }) berths!: number;
  @Column({ name: 'design_capacity', type: 'double' }) designCapacity!: number;
  @Column({ name: 'capacity_unit', type: 'varchar', length: 24 }) capacityUnit!: CapacityUnit;
  @Index('idx_terminal_stage') @Column({ type: 'varchar', length: 24 }) stage!: TerminalStage;
  /** The day it was retired and why; null while in service. Retired records stay readable. */
  @Column({ name: 'retired_on', type: 'varchar', length: 10, nullable: true }) retiredOn!: string | null;
  @Column({ name: 'retired_reason', type: 'varchar', length: 500, nullable: true }) retiredReason!: string | null;
  @Column(() => ProvenanceColumns, { prefix: false }) provenance!: ProvenanceColumns;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
  @ManyToOne(() => PortRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'port_code', foreignKeyConstraintName: 'fk_terminal_port' })
  port?: PortRow;
}
