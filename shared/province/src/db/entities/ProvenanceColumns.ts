import { Column } from 'typeorm';

/**
 * Where a record's figures come from, embedded in every record table: the cited publication (publisher, title, year;
 * null where none backs it), the day they hold as of, and whether they are estimated, with how.
 */
export class ProvenanceColumns {
  @Column({ name: 'source_publisher', type: 'varchar', length: 200, nullable: true }) publisher!: string | null;
  @Column({ name: 'source_title', type: 'varchar', length: 300, nullable: true }) title!: string | null;
  @Column({ name: 'source_year', type: 'integer', nullable: true }) year!: number | null;
  /** Null only for rows written before provenance existed: read as the day they were last changed. */
  @Column({ name: 'as_of', type: 'varchar', length: 10, nullable: true }) asOf!: string | null;
  /** Null reads as false (rows written before provenance existed were the office's own statements). */
  @Column({ type: 'boolean', nullable: true }) estimated!: boolean | null;
  @Column({ name: 'estimate_basis', type: 'varchar', length: 500, nullable: true }) estimateBasis!: string | null;
}
