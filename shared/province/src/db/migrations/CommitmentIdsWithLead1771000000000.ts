import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A commitment's id names its lead too, `<LEAD>:<initiative>:<PARTNER>`: two leads may choose the same initiative id,
 * and a partner must be able to commit to both. Its change events and idempotency records follow, so that a record's
 * history and a retried call still find it.
 */
export class CommitmentIdsWithLead1771000000000 implements MigrationInterface {
  name = 'CommitmentIdsWithLead1771000000000';

  async up(q: QueryRunner): Promise<void> {
    const concat = (...parts: string[]) => (q.connection.driver.options.type === 'better-sqlite3' ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`);
    const newId = (column: string) => `(SELECT ${concat('c.lead_province', "':'", 'c.id')} FROM commitment c WHERE c.id = ${column})`;
    // The references first, while the commitments still carry their old ids.
    await q.query(`UPDATE change_event SET entity_id = ${newId('change_event.entity_id')} WHERE entity = 'Commitment'
      AND EXISTS (SELECT 1 FROM commitment c WHERE c.id = change_event.entity_id)`);
    await q.query(`UPDATE idempotency_record SET result_key = ${newId('idempotency_record.result_key')}
      WHERE mutation IN ('commitToInitiative', 'withdrawCommitment')
      AND EXISTS (SELECT 1 FROM commitment c WHERE c.id = idempotency_record.result_key)`);
    await q.query(`UPDATE commitment SET id = ${concat('lead_province', "':'", 'id')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const strip = (column: string) => (q.connection.driver.options.type === 'better-sqlite3'
      ? `substr(${column}, instr(${column}, ':') + 1)` : `SUBSTRING(${column}, LOCATE(':', ${column}) + 1)`);
    await q.query(`UPDATE change_event SET entity_id = ${strip('entity_id')} WHERE entity = 'Commitment'`);
    await q.query(`UPDATE idempotency_record SET result_key = ${strip('result_key')} WHERE mutation IN ('commitToInitiative', 'withdrawCommitment')`);
    await q.query(`UPDATE commitment SET id = ${strip('id')}`);
  }
}
