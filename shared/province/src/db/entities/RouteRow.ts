import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProvenanceColumns } from './ProvenanceColumns';
import { PortRow } from './PortRow';
import type { RouteMode, RouteStatus } from '@yrd/domain';

@Entity('route')
export class RouteRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Index('idx_route_mode') @Column({ type: 'varchar', length: 4 }) mode!: RouteMode;
  @Column({ type: 'varchar', length: 100 }) carrier!: string;
  @Index('idx_route_origin') @Column({ name: 'origin_code', type: 'varchar', length: 5 }) originPortCode!: string;
  @Index('idx_route_destination')
  @Column({ name: 'destination_code', type: 'varchar', length: 5 }) destinationPortCode!: string;
  @Column({ name: 'weekly_frequency', type: 'double' }) weeklyFrequency!: number;
  @Index('idx_route_status') @Column({ type: 'varchar', length: 12 }) status!: RouteStatus;
  @Column({ name: 'opened_on', type: 'varchar', length: 10, nullable: true }) openedOn!: string | null;
  @Column(() => ProvenanceColumns, { prefix: false }) provenance!: ProvenanceColumns;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
  @ManyToOne(() => PortRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'origin_code', foreignKeyConstraintName: 'fk_route_origin' })
  origin?: PortRow;
}
