import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Statements kept per reader, one per number of keys: a caller asking odd numbers of keys finds the list full. */
const MAX_STATEMENTS = 256;

export interface RowsByKeysOptions<T> {
  /** The properties to read; default the entity's own selection (not its `select: false` columns). */
  readonly select?: readonly (keyof T & string)[];
  /** The properties to order the rows by, ascending. */
  readonly order?: readonly (keyof T & string)[];
  /**
   * Where the rows' `column` is not a key itself but in what a statement selects from the keys: that statement,
   * given the keys' placeholders (`?, ?, ?`).
   */
  readonly selectedFromKeys?: (placeholders: string) => string;
}

/**
 * A reader of the rows of `entity` whose `column` is one of some keys (`IN (?, ...)`), as TypeORM's `find` reads
 * them, without building the statement again for every call: it is written once per number of keys, and the rows are
 * made into entities from the entity's metadata. Under load a province spent a third of its CPU in TypeORM, half of
 * it building statements and entities for these batched reads. For entities with columns of their own only (no
 * relation read, no column a relation adds): it refuses others when made.
 */
export function rowsByKeys<T extends ObjectLiteral>(
  ds: DataSource, entity: EntityTarget<T>, column: keyof T & string, options: RowsByKeysOptions<T> = {},
): (keys: readonly string[]) => Promise<T[]> {
  const metadata = ds.getMetadata(entity);
  if (metadata.columns.some((c) => c.isVirtual)) throw new Error(`${metadata.name} has columns a relation adds: read it with TypeORM`);
  const columnOf = (property: string) => {
    const found = metadata.findColumnWithPropertyPath(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}`);
    return found;
  };
  const columns = options.select ? options.select.map(columnOf) : metadata.columns.filter((c) => c.isSelect);
  const escape = (name: string) => ds.driver.escape(name);
  const selection = columns.map((c) => escape(c.databaseName)).join(', ');
  const keyColumn = escape(columnOf(column).databaseName);
  const order = options.order?.length ? ` ORDER BY ${options.order.map((p) => `${escape(columnOf(p).databaseName)} ASC`).join(', ')}` : '';
  const statements = new Map<number, string>();
  const statementFor = (count: number) => {
    const known = statements.get(count);
    if (known) return known;
    const placeholders = new Array<string>(count).fill('?').join(', ');
    const statement = `SELECT ${selection} FROM ${escape(metadata.tableName)} WHERE ${keyColumn} IN (${options.selectedFromKeys?.(placeholders) ?? placeholders})${order}`;
    if (statements.size < MAX_STATEMENTS) statements.set(count, statement);
    return statement;
  };
  return async (keys) => {
    if (!keys.length) return [];
    const rows = await ds.query(statementFor(keys.length), [...keys]) as Record<string, unknown>[];
    return rows.map((row) => {
      const made = metadata.create(undefined, { fromDeserializer: true }) as T;
      for (const c of columns) c.setEntityValue(made, ds.driver.prepareHydratedValue(row[c.databaseName], c));
      return made;
    });
  };
}
