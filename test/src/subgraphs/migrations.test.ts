import { ChangeEventRow, CommitmentRow, IdempotencyRow, databaseConfigFor, openDatabase } from '@yrd/shared';
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
      // Back to the schema before the move, with a commitment, its change event and its idempotency record as they were.
      await ds.undoLastMigration({ transaction: 'each' });
      const at = '2025-01-01T00:00:00.000Z';
      await ds.createQueryBuilder().insert().into(CommitmentRow).values({
        id: 'ZJ-2006-EPORT:SHANGHAI', initiativeId: 'ZJ-2006-EPORT', leadProvince: 'ZHEJIANG', summary: 'Connect', responsibleUnit: 'Shanghai Customs',
        due: null, status: 'COMMITTED', version: 1, updatedAt: at,
      }).execute();
      await ds.createQueryBuilder().insert().into(ChangeEventRow).values({
        province: 'SHANGHAI', entity: 'Commitment', entityId: 'ZJ-2006-EPORT:SHANGHAI', kind: 'CREATED', at, actor: 'clerk', changedFields: '[]', fieldChanges: null,
      }).execute();
      await ds.createQueryBuilder().insert().into(IdempotencyRow).values({
        actor: 'clerk', idempotencyKey: 'key-00000001', mutation: 'commitToInitiative', requestHash: 'x'.repeat(64),
        resultKey: 'ZJ-2006-EPORT:SHANGHAI', changePosition: 1, createdAt: at,
      }).execute();
      await ds.runMigrations({ transaction: 'each' });
      const moved = 'ZHEJIANG:ZJ-2006-EPORT:SHANGHAI';
      expect((await ds.getRepository(CommitmentRow).find()).map((c) => c.id)).toEqual([moved]);
      expect((await ds.getRepository(ChangeEventRow).find()).map((e) => e.entityId)).toEqual([moved]);
      expect((await ds.getRepository(IdempotencyRow).find()).map((r) => r.resultKey)).toEqual([moved]);
    } finally {
      await database.close();
      await db.drop(['SHANGHAI']);
    }
  });
});
