import { ChangeEventRow, CommitmentRow, IdempotencyRow, databaseConfigFor, openDatabase } from '@yrd/province';
import { testDatabase } from '../harness';

describe('schema by migrations', () => {
  it('leaves no difference between the entities and the migrated database', async () => {
    const db = testDatabase();
    const database = await openDatabase(databaseConfigFor('ZHEJIANG', db));
    try {
      const pending = await database.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      // A second open runs no migration again.
      expect(await database.dataSource.showMigrations()).toBe(false);
    } finally {
      await database.close();
      await db.drop(['ZHEJIANG']);
    }
  });

  it('moves commitments written before their ids named the lead, with their change events and idempotency records', async () => {
    const db = testDatabase();
    const database = await openDatabase(databaseConfigFor('SHANGHAI', db));
    const ds = database.dataSource;
    try {
      // Back to the schema before the move, with a commitment, its change event and its idempotency record as they were
      // (the commitment by its columns then: the entity has gained provenance since).
      await ds.undoLastMigration({ transaction: 'each' });
      await ds.undoLastMigration({ transaction: 'each' });
      const at = '2025-01-01T00:00:00.000Z';
      await ds.query(`INSERT INTO commitment (id, initiative_id, lead_province, summary, responsible_agency, due, status, version, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ['ZJ-2006-EPORT:SHANGHAI', 'ZJ-2006-EPORT', 'ZHEJIANG', 'Connect', 'Shanghai Customs', null, 'COMMITTED', 1, at]);
      await ds.createQueryBuilder().insert().into(ChangeEventRow).values({
        province: 'SHANGHAI', entity: 'Commitment', entityId: 'ZJ-2006-EPORT:SHANGHAI', kind: 'CREATED', at, actor: 'clerk', changedFields: '[]', fieldChanges: null,
      }).execute();
      await ds.createQueryBuilder().insert().into(IdempotencyRow).values({
        actor: 'clerk', idempotencyKey: 'key-00000001', mutation: 'commitToInitiative', requestHash: 'x'.repeat(64),
        resultKey: 'ZJ-2006-EPORT:SHANGHAI', changePosition: 1, createdAt: at,
      }).execute();
      await ds.runMigrations({ transaction: 'each' });
      const moved = 'ZHEJIANG:ZJ-2006-EPORT:SHANGHAI';
      const [commitment] = await ds.getRepository(CommitmentRow).find();
      expect(commitment.id).toEqual(moved);
      // Provenance came after: a row from before holds as of the day it last changed, the office's own statement.
      expect(commitment.provenance).toEqual({ publisher: null, title: null, year: null, asOf: '2025-01-01', estimated: null, estimateBasis: null });
      expect((await ds.getRepository(ChangeEventRow).find()).map((e) => e.entityId)).toEqual([moved]);
      expect((await ds.getRepository(IdempotencyRow).find()).map((r) => r.resultKey)).toEqual([moved]);
    } finally {
      await database.close();
      await db.drop(['SHANGHAI']);
    }
  });
});
