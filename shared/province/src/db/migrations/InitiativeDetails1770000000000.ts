import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { varchar } from '@yrd/storage';

/** An initiative's Chinese title and its description, beside its English title. */
export class InitiativeDetails1770000000000 implements MigrationInterface {
  name = 'InitiativeDetails1770000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('initiative', [new TableColumn(varchar('title_zh', 200, true)), new TableColumn(varchar('description', 2000, true))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('initiative', ['description', 'title_zh']);
  }
}
