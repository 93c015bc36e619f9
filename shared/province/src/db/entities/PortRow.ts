import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProvenanceColumns } from './ProvenanceColumns';
import type { EportConnection, OpeningStatus, PortKind } from '@yrd/domain';

/** The port's latest customs clearance figures, which a read of ports selects only where asked (below). */
export const CLEARANCE_FIELDS = ['importClearanceHours', 'exportClearanceHours', 'clearancePeriod'] as const;
export type ClearanceField = typeof CLEARANCE_FIELDS[number];

@Entity('port')
export class PortRow {
  @PrimaryColumn({ type: 'varchar', length: 5 }) code!: string;
  @Index('idx_port_kind') @Column({ type: 'varchar', length: 12 }) kind!: PortKind;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh!: string;
  @Index('idx_port_name_en') @Column({ name: 'name_en', type: 'varchar', length: 100 }) nameEn!: string;
  @Column({ type: 'varchar', length: 60 }) city!: string;
  @Column({ name: 'customs_district', type: 'varchar', length: 40, nullable: true }) customsDistrict!: string | null;
  @Index('idx_port_opening_status')
  @Column({ name: 'opening_status', type: 'varchar', length: 24 }) openingStatus!: OpeningStatus;
  @Column({ name: 'clearance_24x7', type: 'boolean' }) clearance24x7!: boolean;
  @Column({ name: 'clearance_on_holidays', type: 'boolean' }) clearanceOnHolidays!: boolean;
  @Index('idx_port_eport_connection')
  @Column({ name: 'eport_connection', type: 'varchar', length: 16 }) eportConnection!: EportConnection;
  @Column({ type: 'varchar', length: 3, nullable: true }) iata!: string | null;
  @Column({ type: 'varchar', length: 4, nullable: true }) icao!: string | null;
  @Column({ name: 'commercial_alias', type: 'varchar', length: 5, nullable: true }) commercialAlias!: string | null;
  @Column({ name: 'parent_code', type: 'varchar', length: 5, nullable: true }) parentCode!: string | null;
  /**
   * Derived from the latest customs capacity record, kept here so that filters and sorts use an index. Selected only
   * where asked (addSelect), and shown by port (ProvinceLoaders.clearanceOfPort): a read of ports naming them depends
   * on the customs records of every port it read, one that does not on none.
   */
  @Index('idx_port_import_hours')
  @Column({ name: 'import_clearance_hours', type: 'double', nullable: true, select: false }) importClearanceHours!: number | null;
  @Column({ name: 'export_clearance_hours', type: 'double', nullable: true, select: false }) exportClearanceHours!: number | null;
  @Column({ name: 'clearance_period', type: 'varchar', length: 7, nullable: true, select: false }) clearancePeriod!: string | null;
  /** The day it was retired and why; null while in service. Retired records stay readable. */
  @Column({ name: 'retired_on', type: 'varchar', length: 10, nullable: true }) retiredOn!: string | null;
  @Column({ name: 'retired_reason', type: 'varchar', length: 500, nullable: true }) retiredReason!: string | null;
  @Column(() => ProvenanceColumns, { prefix: false }) provenance!: ProvenanceColumns;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
}
