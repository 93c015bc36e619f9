import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { varchar } from '@yrd/storage';

/** Ports and terminals are retired, not deleted (with the day and the reason); terminals get their Chinese name. */
export class PortTerminalLifecycle1769000000000 implements MigrationInterface {
  name = 'PortTerminalLifecycle1769000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['port', 'terminal']) {
      await q.addColumns(table, [new TableColumn(varchar('retired_on', 10, true)), new TableColumn(varchar('retired_reason', 500, true))]);
    }
    await q.addColumn('terminal', new TableColumn(varchar('name_zh', 120, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('terminal', 'name_zh');
    for (const table of ['terminal', 'port']) await q.dropColumns(table, ['retired_reason', 'retired_on']);
  }
}
