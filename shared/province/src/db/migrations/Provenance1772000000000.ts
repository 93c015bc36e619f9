import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, varchar } from '@yrd/storage';

/** The record tables that carry provenance (ProvenanceColumns). */
export const PROVENANCE_TABLES = ['port', 'terminal', 'capacity_record', 'route', 'initiative', 'commitment'] as const;

/**
 * Every record says where its figures come from (a cited source, the day they hold as of, whether estimated and how);
 * a milestone says whether its done date is an estimate. Existing rows hold as of the day they last changed.
 */
export class Provenance1772000000000 implements MigrationInterface {
  name = 'Provenance1772000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of PROVENANCE_TABLES) {
      await q.addColumns(table, [
        new TableColumn(varchar('source_publisher', 200, true)), new TableColumn(varchar('source_title', 300, true)),
        new TableColumn(int('source_year', true)), new TableColumn(varchar('as_of', 10, true)),
        new TableColumn({ name: 'estimated', type: 'boolean', isNullable: true }), new TableColumn(varchar('estimate_basis', 500, true)),
      ]);
      await q.query(`UPDATE ${table} SET as_of = SUBSTR(updated_at, 1, 10)`);
    }
    await q.addColumn('milestone', new TableColumn({ name: 'done_on_estimated', type: 'boolean', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('milestone', 'done_on_estimated');
    for (const table of [...PROVENANCE_TABLES].reverse()) {
      await q.dropColumns(table, ['estimate_basis', 'estimated', 'as_of', 'source_year', 'source_title', 'source_publisher']);
    }
  }
}
