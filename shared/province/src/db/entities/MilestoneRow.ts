import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InitiativeRow } from './InitiativeRow';

@Entity('milestone')
export class MilestoneRow {
  @PrimaryColumn({ name: 'initiative_id', type: 'varchar', length: 40 }) initiativeId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Index('idx_milestone_due') @Column({ type: 'varchar', length: 10 }) due!: string;
  @Column({ name: 'done_on', type: 'varchar', length: 10, nullable: true }) doneOn!: string | null;
  /** Whether doneOn is an estimate (a historical item whose day is not public); null reads as false. */
  @Column({ name: 'done_on_estimated', type: 'boolean', nullable: true }) doneOnEstimated!: boolean | null;
  @Column({ name: 'responsible_agency', type: 'varchar', length: 120 }) responsibleUnit!: string;
  @ManyToOne(() => InitiativeRow, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_milestone_initiative' })
  initiative?: InitiativeRow;
}
