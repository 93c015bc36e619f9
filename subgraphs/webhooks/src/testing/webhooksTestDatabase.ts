import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseConfigFor, type Database, type DatabaseConfig } from '@yrd/storage';
import { WebhookEndpointRow, openWebhooksDatabase } from '../store';

/**
 * A webhooks database of a test's own: SQLite in a temporary folder, or, when DATABASE_URL names a MariaDB server, a
 * database with a prefix of this process's own, dropped by `drop`.
 */
export function webhooksTestDatabase(name: string): { config: DatabaseConfig; open(): Promise<Database>; drop(): Promise<void> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'yrd-webhooks-'));
  const config = databaseConfigFor('webhooks', { dataDir, databaseUrl: process.env.DATABASE_URL, databasePrefix: `yrd_t${process.pid}_${name}_` });
  return {
    config,
    open: () => openWebhooksDatabase(config),
    async drop() {
      if (config.kind === 'mariadb') {
        const admin = new DataSource({ type: 'mariadb', host: config.host, port: config.port, username: config.user, password: config.password });
        await admin.initialize();
        await admin.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
        await admin.destroy();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An active endpoint as registration would leave it. */
export const endpointRow = (id: string, now = new Date().toISOString()): WebhookEndpointRow => Object.assign(new WebhookEndpointRow(), {
  id, ownerSubject: 'partner-system', ownerRole: 'partner', ownerProvince: null, url: 'https://partner.example/hooks',
  query: 'subscription { changes { id } }', variables: '{}', operationName: null, status: 'ACTIVE' as const, statusReason: null, statusChangedAt: null,
  secret: 'whsec_a', previousSecret: null, previousSecretUntil: null, cursor: 'c0', failingSince: null,
  leaseHolder: null, leaseUntil: null, replays: 0, version: 1, createdAt: now, updatedAt: now,
});
