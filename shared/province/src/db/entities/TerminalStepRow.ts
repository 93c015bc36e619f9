import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TerminalRow } from './TerminalRow';
import type { TerminalStage } from '@yrd/domain';

/** A dated step of a terminal's opening workflow; seq orders the steps of one terminal. */
@Entity('terminal_step')
export class TerminalStepRow {
  @Index('idx_terminal_step_terminal')
  @PrimaryColumn({ name: 'terminal_id', type: 'varchar', length: 40 }) terminalId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 24 }) stage!: TerminalStage;
  @Column({ name: 'on_date', type: 'varchar', length: 10 }) onDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @ManyToOne(() => TerminalRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'terminal_id', foreignKeyConstraintName: 'fk_step_terminal' })
  terminal?: TerminalRow;
}
