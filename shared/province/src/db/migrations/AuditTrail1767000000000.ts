import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The outbox becomes the audit trail: each change event keeps every changed field's old and new value, and is found
 * by its record (a record's history) and by time (the region's audit trail, newest first).
 */
export class AuditTrail1767000000000 implements MigrationInterface {
  name = 'AuditTrail1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('change_event', new TableColumn({ name: 'field_changes', type: 'text', isNullable: true }));
    await q.createIndex('change_event', new TableIndex({ name: 'idx_change_event_record', columnNames: ['entity', 'entity_id'] }));
    await q.createIndex('change_event', new TableIndex({ name: 'idx_change_event_at', columnNames: ['at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('change_event', 'idx_change_event_at');
    await q.dropIndex('change_event', 'idx_change_event_record');
    await q.dropColumn('change_event', 'field_changes');
  }
}
