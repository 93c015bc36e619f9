import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, key, text, varchar } from '@yrd/storage';

/** The webhooks' own database: endpoints, the deliveries of their events, and every attempt. */
export class WebhooksSchema1773000000000 implements MigrationInterface {
  name = 'WebhooksSchema1773000000000';

  async up(q: QueryRunner): Promise<void> {
    // An event's payload may pass TEXT's 64 KB on MariaDB (SQLite's TEXT has no such bound).
    const payload = { ...text('payload'), type: ['mariadb', 'mysql'].includes(q.connection.driver.options.type) ? 'mediumtext' : 'text' };
    await q.createTable(new Table({
      name: 'webhook_endpoint',
      columns: [
        key(varchar('id', 40)), varchar('owner_subject', 200), varchar('owner_role', 16), varchar('owner_province', 32, true),
        varchar('url', 2048), text('query'), text('variables'), varchar('operation_name', 100, true), varchar('status', 16),
        varchar('status_reason', 500, true), varchar('status_changed_at', 24, true), varchar('secret', 100), varchar('previous_secret', 100, true),
        varchar('previous_secret_until', 24, true), varchar('cursor', 4096), varchar('failing_since', 24, true),
        varchar('lease_holder', 100, true), varchar('lease_until', 24, true), int('replays'), int('version'), varchar('created_at', 24),
        varchar('updated_at', 24),
      ],
      indices: [
        { name: 'webhook_endpoint_by_owner', columnNames: ['owner_subject', 'created_at'] },
        { name: 'webhook_endpoint_by_status_change', columnNames: ['status_changed_at'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'webhook_delivery',
      columns: [
        key(varchar('id', 120)), varchar('endpoint_id', 40), varchar('cursor', 4096), payload, varchar('status', 16),
        int('attempts'), varchar('next_attempt_at', 24, true), varchar('committed_at', 24, true), varchar('created_at', 24),
        varchar('delivered_at', 24, true),
      ],
    }));
    await q.createIndex('webhook_delivery', new TableIndex({ name: 'webhook_delivery_by_endpoint', columnNames: ['endpoint_id', 'created_at'] }));
    await q.createTable(new Table({
      name: 'webhook_attempt',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        varchar('delivery_id', 120), varchar('at', 24), varchar('outcome', 16), int('http_status', true), int('duration_ms'),
        varchar('error', 200, true), varchar('response_excerpt', 1000),
      ],
    }));
    await q.createIndex('webhook_attempt', new TableIndex({ name: 'webhook_attempt_by_delivery', columnNames: ['delivery_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['webhook_attempt', 'webhook_delivery', 'webhook_endpoint']) await q.dropTable(table);
  }
}
