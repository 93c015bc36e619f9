import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortRow, databaseConfigFor, openDatabase, type Database } from '../db';
import {
  comparePositions, encodeCursor, listPage, mergePages, pageRequest, portListOrder, portSortValues, settled, type PageArgs,
  type PortOrder,
} from '@yrd/domain';
import { sqlPage } from './sqlPage';

// Equal values, nulls and names that differ in case only: the cases where a keyset page could skip or repeat a row.
const PORTS: [code: string, nameEn: string, hours: number | null][] = [
  ['CNAAA', 'alpha', 30], ['CNBBB', 'Alpha', null], ['CNCCC', 'beta', 30], ['CNDDD', 'Beta', 12.5],
  ['CNEEE', 'gamma', null], ['CNFFF', 'Delta', 12.5], ['CNGGG', 'delta', 40], ['CNHHH', 'epsilon', 30],
];
const ORDERS: PortOrder[] = (['CODE', 'NAME_EN', 'IMPORT_CLEARANCE_HOURS'] as const)
  .flatMap((field) => (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })));

describe('keyset pages', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yrd-paging-'));
    db = await openDatabase(databaseConfigFor('PAGING', { databaseUrl: process.env.DATABASE_URL, dataDir: dir, databasePrefix: 'yrd_test_' }));
    await db.dataSource.createQueryBuilder().delete().from(PortRow).execute();
    await db.dataSource.getRepository(PortRow).insert(PORTS.map(([code, nameEn, hours]) => ({
      code, nameEn, importClearanceHours: hours, kind: 'SEAPORT', nameZh: nameEn, city: nameEn, openingStatus: 'OPEN',
      clearance24x7: true, clearanceOnHolidays: true, eportConnection: 'CONNECTED', version: 1, updatedAt: '2025-01-01T00:00:00.000Z',
    })));
  });
  afterAll(async () => {
    if (db.config.kind === 'mariadb') await db.dataSource.query(`DROP DATABASE ${db.config.database}`);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // With the clearance hours, which a read of ports selects only where asked (as listPorts does, ordered by them).
  const qb = () => db.dataSource.getRepository(PortRow).createQueryBuilder('p').addSelect('p.importClearanceHours');
  const rows = () => qb().getMany();

  it('read with SQL, give the same page as the same order in memory, from every cursor, either way, in any province', async () => {
    const all = await rows();
    let pages = 0;
    for (const order of ORDERS) {
      const listOrder = portListOrder(order);
      const values = (p: PortRow) => portSortValues(p, order);
      const at = (p: PortRow) => ({ list: listOrder.list, values: values(p), province: 'ZHEJIANG' });
      const sorted = [...all].sort((a, b) => comparePositions(at(a), at(b), listOrder.columns));
      // A cursor at every row, issued here or by a province before or after this one in the tie-break.
      const cursors = [null, ...sorted.flatMap((p) => ['ANHUI', 'ZHEJIANG', 'ZZ'].map((province) => encodeCursor({ list: listOrder.list, province, values: values(p) })))];
      for (const cursor of cursors) {
        for (const args of [{ first: 3, after: cursor }, { last: 3, before: cursor }, { first: 0, after: cursor }] as PageArgs[]) {
          const request = pageRequest(args, listOrder);
          const fromSql = await settled(await sqlPage(qb(), listOrder, request, 'ZHEJIANG', values));
          const inMemory = await settled(listPage(sorted, listOrder, request, (p) => ({ values: values(p), province: 'ZHEJIANG' })));
          expect([order, args, fromSql.nodes.map((p) => p.code), fromSql.pageInfo, fromSql.totalCount])
            .toEqual([order, args, inMemory.nodes.map((p) => p.code), inMemory.pageInfo, inMemory.totalCount]);
          pages += 1;
        }
      }
    }
    expect(pages).toBe(ORDERS.length * (1 + PORTS.length * 3) * 3);
  });

  it('merge pages of several provinces into the page of their union', async () => {
    const all = await rows();
    const provinceOf = (p: PortRow) => (p.code < 'CNEEE' ? 'JIANGSU' : 'SHANGHAI');
    for (const order of ORDERS) {
      const listOrder = portListOrder(order);
      const position = (p: PortRow) => ({ values: portSortValues(p, order), province: provinceOf(p) });
      const union = [...all].sort((a, b) => comparePositions({ list: listOrder.list, ...position(a) }, { list: listOrder.list, ...position(b) }, listOrder.columns));
      let after: string | null = null;
      const seen: string[] = [];
      do {
        const request = pageRequest({ first: 3, after }, listOrder);
        const pages = await Promise.all(['JIANGSU', 'SHANGHAI'].map((province) =>
          settled(listPage(union.filter((p) => provinceOf(p) === province), listOrder, request, position))));
        const merged = await settled(mergePages(pages, listOrder, request));
        expect(merged.totalCount).toBe(PORTS.length);
        seen.push(...merged.nodes.map((p) => p.code));
        after = merged.pageInfo.hasNextPage ? merged.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(union.map((p) => p.code));
    }
  });

  it('refuse a cursor of another list, a forged one and one too long, naming the argument', () => {
    const order = portListOrder({ field: 'CODE', direction: 'ASC' });
    const other = encodeCursor({ list: 'routes', province: 'ZHEJIANG', values: ['R1'] });
    const infinite = Buffer.from(`["${order.list}","ZHEJIANG",1e999]`).toString('base64url');
    for (const [args, field] of [[{ after: other }, 'after'], [{ before: 'bm90IGpzb24' }, 'before'], [{ after: infinite }, 'after'],
      [{ after: 'A'.repeat(10_000) }, 'after'], [{ first: 101 }, 'first'], [{ last: -1 }, 'last'], [{ first: 1, last: 1 }, 'last']] as const) {
      expect(() => pageRequest(args, order)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }));
    }
  });
});
