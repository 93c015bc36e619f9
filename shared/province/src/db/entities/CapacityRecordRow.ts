import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProvenanceColumns } from './ProvenanceColumns';
import { PortRow } from './PortRow';
import type { Agency } from '@yrd/domain';

/** Monthly clearance capacity of one port and agency; id is `<port>:<agency>:<period>`. */
@Entity('capacity_record')
@Index('uq_capacity_port_agency_period', ['portCode', 'agency', 'period'], { unique: true })
export class CapacityRecordRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Column({ name: 'port_code', type: 'varchar', length: 5 }) portCode!: string;
  @Column({ type: 'varchar', length: 24 }) agency!: Agency;
  @Index('idx_capacity_period') @Column({ type: 'varchar', length: 7 }) period!: string;
  @Column({ name: 'throughput_teu', type: 'double', nullable: true }) throughputTeu!: number | null;
  @Column({ name: 'throughput_tonnes', type: 'double', nullable: true }) throughputTonnes!: number | null;
  @Column({ type: 'integer', nullable: true }) flights!: number | null;
  @Column({ type: 'integer', nullable: true }) passengers!: number | null;
  @Column({ name: 'avg_import_hours', type: 'double', nullable: true }) importClearanceHours!: number | null;
  @Column({ name: 'avg_export_hours', type: 'double', nullable: true }) exportClearanceHours!: number | null;
  @Column({ name: 'clearance_24x7', type: 'boolean' }) clearance24x7!: boolean;
  @Column(() => ProvenanceColumns, { prefix: false }) provenance!: ProvenanceColumns;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
  @ManyToOne(() => PortRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'port_code', foreignKeyConstraintName: 'fk_capacity_port' })
  port?: PortRow;
}
