import { openDatabase, type Database, type DatabaseConfig } from '@yrd/storage';
import { WebhooksSchema1773000000000 } from './migrations/WebhooksSchema1773000000000';
import { WebhookAttemptRow } from './WebhookAttemptRow';
import { WebhookDeliveryRow } from './WebhookDeliveryRow';
import { WebhookEndpointRow } from './WebhookEndpointRow';

export { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow };
export { DEFAULT_LEASE_MS, EndpointLeases } from './EndpointLeases';
export { Transactions } from './Transactions';
export type { DeliveryStatus } from './WebhookDeliveryRow';
export type { EndpointStatus } from './WebhookEndpointRow';

export const WEBHOOK_ENTITIES = [WebhookEndpointRow, WebhookDeliveryRow, WebhookAttemptRow];
export const WEBHOOK_MIGRATIONS = [WebhooksSchema1773000000000];

/** Opens the webhooks' database (yrd_webhooks on MariaDB, an SQLite file by default), up to date by its migrations. */
export const openWebhooksDatabase = (config: DatabaseConfig): Promise<Database> =>
  openDatabase(config, { entities: WEBHOOK_ENTITIES, migrations: WEBHOOK_MIGRATIONS });
