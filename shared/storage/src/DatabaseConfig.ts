/** Where a service keeps its records: an embedded SQLite file, or its own database on a MySQL/MariaDB server. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
    readonly kind: 'mariadb';
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly database: string;
  };

/**
 * The database of one service (a province, the webhooks): `mysql://` or `mariadb://` URLs name the server (their
 * path, if any, is ignored), and each service gets its own database, `<prefix><owner>` (yrd_zhejiang by default).
 * Without a URL, an SQLite file under the data folder.
 */
export function databaseConfigFor(
  owner: string,
  options: { databaseUrl?: string; dataDir: string; databasePrefix?: string },
): DatabaseConfig {
  const name = `${options.databasePrefix ?? 'yrd_'}${owner.toLowerCase()}`;
  if (!options.databaseUrl) return { kind: 'sqlite', file: `${options.dataDir}/${name}.sqlite` };
  const url = new URL(options.databaseUrl);
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new Error(`DATABASE_URL must start with mysql:// or mariadb://, got ${url.protocol}//`);
  }
  return {
    kind: 'mariadb',
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: name,
  };
}
