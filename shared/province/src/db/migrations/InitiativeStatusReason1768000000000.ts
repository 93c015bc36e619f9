import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { varchar } from '@yrd/storage';

/** An initiative cancelled (or otherwise closed) keeps why, beside its status. */
export class InitiativeStatusReason1768000000000 implements MigrationInterface {
  name = 'InitiativeStatusReason1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('initiative', new TableColumn(varchar('status_reason', 500, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('initiative', 'status_reason');
  }
}
