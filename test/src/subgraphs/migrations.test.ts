import { databaseConfigFor, openDatabase } from '@yrd/shared';
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
});
