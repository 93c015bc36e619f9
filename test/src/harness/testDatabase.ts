import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** Where a test's provinces keep their data: set DATABASE_URL to run against MariaDB, else fresh SQLite files. */
export interface TestDatabase {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly databasePrefix: string;
  readonly kind: 'sqlite' | 'mariadb';
  drop(provinces: readonly string[]): Promise<void>;
}

let counter = 0;

export function testDatabase(): TestDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), 'yrd-test-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  // Each test gets its own databases on the server, so test files never see each other's rows.
  const databasePrefix = `yrd_t${process.pid}_${++counter}_`;
  return {
    dataDir, databaseUrl, databasePrefix, kind: databaseUrl ? 'mariadb' : 'sqlite',
    async drop(provinces) {
      rmSync(dataDir, { recursive: true, force: true });
      if (!databaseUrl) return;
      const url = new URL(databaseUrl);
      const admin = new DataSource({
        type: 'mariadb', host: url.hostname, port: Number(url.port || 3306), username: decodeURIComponent(url.username || 'root'),
        password: decodeURIComponent(url.password),
      });
      await admin.initialize();
      try {
        for (const p of provinces) await admin.query(`DROP DATABASE IF EXISTS \`${databasePrefix}${p.toLowerCase()}\``);
      } finally {
        await admin.destroy();
      }
    },
  };
}
