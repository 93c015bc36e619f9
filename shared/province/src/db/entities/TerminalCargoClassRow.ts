import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TerminalRow } from './TerminalRow';
import type { CargoClass } from '@yrd/domain';

/** One row per cargo class a terminal handles, so that "ports handling coal" is an indexed join. */
@Entity('terminal_cargo_class')
export class TerminalCargoClassRow {
  @PrimaryColumn({ name: 'terminal_id', type: 'varchar', length: 40 }) terminalId!: string;
  @Index('idx_terminal_cargo_class')
  @PrimaryColumn({ name: 'cargo_class', type: 'varchar', length: 16 }) cargoClass!: CargoClass;
  @ManyToOne(() => TerminalRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'terminal_id', foreignKeyConstraintName: 'fk_cargo_class_terminal' })
  terminal?: TerminalRow;
}
