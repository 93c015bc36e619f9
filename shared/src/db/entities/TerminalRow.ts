import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PortRow } from './PortRow';
import type { CapacityUnit, TerminalStage } from '../../domain';

@Entity('terminal')
export class TerminalRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Index('idx_terminal_port') @Column({ name: 'port_code', type: 'varchar', length: 5 }) portCode!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 120 }) operator!: string;
  @Column({ type: 'integer' }) berths!: number;
  @Column({ name: 'design_capacity', type: 'double' }) designCapacity!: number;
  @Column({ name: 'capacity_unit', type: 'varchar', length: 24 }) capacityUnit!: CapacityUnit;
  @Index('idx_terminal_stage') @Column({ type: 'varchar', length: 24 }) stage!: TerminalStage;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
  @ManyToOne(() => PortRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'port_code', foreignKeyConstraintName: 'fk_terminal_port' })
  port?: PortRow;
}
