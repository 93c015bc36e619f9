import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int } from '@yrd/storage';

/** An idempotent retry answers the first call's change cursor too, so the record keeps its change event's position. */
export class IdempotencyChangePosition1766000000000 implements MigrationInterface {
  name = 'IdempotencyChangePosition1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('idempotency_record', new TableColumn(int('change_position', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('idempotency_record', 'change_position');
  }
}
