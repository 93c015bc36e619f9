import { UNKNOWN_TABLE, columnsSet, noteStatement, readingKeys, recordingTables, tablesBeingRecorded, tablesIn, type TablesTouched } from './tablesRead';

const touched = (statement: string) => {
  const { read, written } = tablesIn(statement);
  return { read: [...read].sort(), written: [...written] };
};

describe('the tables a statement touches', () => {
  it('reads what it names after FROM and JOIN, as TypeORM spells them for SQLite and MariaDB', () => {
    expect(touched('SELECT "Port"."code" AS "Port_code" FROM "port" "Port" LEFT JOIN "capacity_record" "c" ON "c"."port_code" = "Port"."code"'))
      .toEqual({ read: ['capacity_record', 'port'], written: [] });
    expect(touched('SELECT `t`.`id` FROM `terminal` `t` INNER JOIN `terminal_step` `s` ON 1 WHERE `t`.`id` IN (SELECT terminal_id FROM terminal_cargo_class)'))
      .toEqual({ read: ['terminal', 'terminal_cargo_class', 'terminal_step'], written: [] });
  });

  it('writes the table an INSERT, UPDATE or DELETE names, and reads its subqueries\' tables', () => {
    expect(touched('INSERT INTO "capacity_record"("id", "port_code") VALUES (?, ?)')).toEqual({ read: [], written: ['capacity_record'] });
    expect(touched('UPDATE `port` SET `import_clearance_hours` = ? WHERE `code` IN (SELECT port_code FROM route)'))
      .toEqual({ read: ['route'], written: ['port'] });
    expect(touched('DELETE FROM "terminal_cargo_class" WHERE "terminal_id" = ?')).toEqual({ read: [], written: ['terminal_cargo_class'] });
  });

  it('cannot tell what a query naming no table reads, and transaction control touches nothing', () => {
    expect(touched('SELECT VERSION()')).toEqual({ read: [UNKNOWN_TABLE], written: [] });
    for (const control of ['BEGIN TRANSACTION', 'START TRANSACTION', 'COMMIT', 'ROLLBACK', 'SAVEPOINT typeorm_1']) {
      expect(touched(control)).toEqual({ read: [], written: [] });
    }
  });

  it('is noted for the work being recorded, and for no other work running beside it', async () => {
    const a: TablesTouched = { read: new Set(), written: new Set() };
    const b: TablesTouched = { read: new Set(), written: new Set() };
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await Promise.all([
      recordingTables(a, async () => { await tick(); noteStatement('SELECT * FROM route'); }),
      recordingTables(b, async () => { noteStatement('SELECT * FROM port'); await tick(); expect(tablesBeingRecorded()).toBe(b); }),
    ]);
    noteStatement('SELECT * FROM initiative');
    expect([[...a.read], [...b.read]]).toEqual([['route'], ['port']]);
  });

  it('notes tables read by known keys apart, with the keys, and as read whole where the work does not keep them apart', async () => {
    const keyed: TablesTouched = { read: new Set(), written: new Set(), readByKey: new Map() };
    await recordingTables(keyed, async () => {
      await readingKeys(['CNNGB', 'CNZOS'], async () => {
        noteStatement('SELECT * FROM "port" WHERE "code" IN (?, ?)');
        // A statement whose tables cannot be told is never narrowed to keys.
        noteStatement('SELECT 1');
      });
      await readingKeys(['CNWNZ'], async () => noteStatement('SELECT * FROM "port" WHERE "code" IN (?)'));
      noteStatement('SELECT * FROM "route"');
    });
    expect([...keyed.read].sort()).toEqual([UNKNOWN_TABLE, 'route']);
    expect([...keyed.readByKey!].map(([table, keys]) => [table, [...keys]])).toEqual([['port', ['CNNGB', 'CNZOS', 'CNWNZ']]]);

    // The watched columns a read by keys names are noted apart from those a whole read names.
    const columns: TablesTouched = {
      read: new Set(), written: new Set(), readByKey: new Map(), watchedColumns: new Map([['port', ['import_clearance_hours']]]),
      watchedColumnsRead: new Map(), watchedColumnsReadByKey: new Map(),
    };
    await recordingTables(columns, async () => {
      noteStatement('SELECT "p"."code" FROM "port" "p" ORDER BY "p"."code"');
      await readingKeys(['CNNGB'], async () => noteStatement('SELECT "code", "import_clearance_hours" FROM "port" WHERE "code" IN (?)'));
    });
    expect([columns.watchedColumnsRead!.get('port'), columns.watchedColumnsReadByKey!.get('port')])
      .toEqual([new Set(), new Set(['import_clearance_hours'])]);

    const whole: TablesTouched = { read: new Set(), written: new Set() };
    await recordingTables(whole, () => readingKeys(['CNNGB'], async () => noteStatement('SELECT * FROM "port" WHERE "code" = ?')));
    expect([...whole.read]).toEqual(['port']);
  });

  it('tells the columns an UPDATE sets, and which watched columns a read names', async () => {
    expect(columnsSet('UPDATE "port" SET "import_clearance_hours" = ?, "clearance_period" = ? WHERE "code" IN (?)'))
      .toEqual(new Set(['import_clearance_hours', 'clearance_period']));
    expect(columnsSet('UPDATE `port` SET `import_clearance_hours` = ? WHERE `code` = ?')).toEqual(new Set(['import_clearance_hours']));
    for (const other of ['INSERT INTO "port"("code") VALUES (?)', 'DELETE FROM "port" WHERE "code" = ?', 'UPDATE "port" SET "a" = COALESCE(?, ?)']) {
      expect(columnsSet(other)).toBeNull();
    }
    const touched: TablesTouched = {
      read: new Set(), written: new Set(), watchedColumns: new Map([['port', ['import_clearance_hours', 'clearance_period']]]),
      watchedColumnsRead: new Map(), columnsWritten: new Map(),
    };
    await recordingTables(touched, async () => {
      noteStatement('SELECT "p"."code", "p"."kind" FROM "port" "p"');
      noteStatement('SELECT COUNT(*) FROM "port" "p"');
      noteStatement('UPDATE "port" SET "clearance_period" = ? WHERE "code" = ?');
    });
    expect([...touched.watchedColumnsRead!.get('port')!]).toEqual([]);
    expect(touched.columnsWritten!.get('port')).toEqual(new Set(['clearance_period']));
    await recordingTables(touched, async () => {
      noteStatement('SELECT "p"."code" FROM "port" "p" ORDER BY "p"."import_clearance_hours"');
      noteStatement('SELECT "p".* FROM "route" "r" JOIN "port" "p" ON 1');
      noteStatement('DELETE FROM "port" WHERE "code" = ?');
    });
    expect(touched.watchedColumnsRead!.get('port')).toEqual(new Set(['import_clearance_hours', 'clearance_period']));
    expect(touched.columnsWritten!.get('port')).toBeNull();
    // Named as its entity's property (a query builder's condition), it is read all the same.
    const byProperty: TablesTouched = { ...touched, watchedColumnsRead: new Map() };
    await recordingTables(byProperty, async () => noteStatement('SELECT "p"."code" FROM "port" "p" WHERE p.importClearanceHours <= ?'));
    expect(byProperty.watchedColumnsRead!.get('port')).toEqual(new Set(['import_clearance_hours']));
  });
});
