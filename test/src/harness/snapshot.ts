import { ENTITIES, type Database } from '@yrd/province';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** Every row of every table, in key order: two equal snapshots mean nothing was written in between. */
export async function snapshot(database: Database): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const entity of ENTITIES) {
    const meta = database.dataSource.getMetadata(entity);
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC']));
    result[meta.tableName] = await database.dataSource.getRepository(entity).find({ order: order as never });
  }
  return result;
}

export async function changeEvents(database: Database, afterId = 0) {
  const rows = await database.dataSource.query(
    'SELECT id, province, entity, entity_id, kind, actor, changed_fields FROM change_event WHERE id > ? ORDER BY id', [afterId],
  ) as { id: number; province: string; entity: string; entity_id: string; kind: string; actor: string; changed_fields: string }[];
  return rows.map((r) => ({
    id: Number(r.id), province: r.province, entity: r.entity, entityId: r.entity_id, kind: r.kind, actor: r.actor,
    fields: JSON.parse(r.changed_fields) as string[],
  }));
}

export async function lastEventId(database: Database): Promise<number> {
  const [row] = await database.dataSource.query('SELECT MAX(id) AS id FROM change_event') as { id: number | null }[];
  return Number(row?.id ?? 0);
}

/**
 * The positions an outbox holds between two cursors' positions, read straight from the database (a gap is an id a
 * transaction in flight took and never used), through a connection of the test's own.
 */
export async function outboxPositions(source: DataSourceOptions, from: number, to: number): Promise<number[]> {
  const ds = new DataSource(source);
  await ds.initialize();
  try {
    const rows = await ds.query('SELECT id FROM change_event WHERE id > ? AND id <= ? ORDER BY id', [from, to]) as { id: number | string }[];
    return rows.map((r) => Number(r.id));
  } finally {
    await ds.destroy();
  }
}
