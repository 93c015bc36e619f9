import type { Database } from '@yrd/storage';
import { endpointRow, webhooksTestDatabase } from '../testing/webhooksTestDatabase';
import { EndpointLeases, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from '.';

/** On SQLite, and on MariaDB too when DATABASE_URL names one (a database of this test's own, dropped after). */
describe('the webhooks database', () => {
  const place = webhooksTestDatabase('store');
  let database: Database;
  beforeAll(async () => { database = await place.open(); });
  afterAll(async () => {
    await database.close();
    await place.drop();
  });

  it('keeps an endpoint, its deliveries and their attempts as written, long cursors and texts included', async () => {
    const now = new Date().toISOString();
    const endpoint = Object.assign(new WebhookEndpointRow(), {
      id: 'wh_1', ownerSubject: 'partner-system', ownerRole: 'partner', ownerProvince: null, url: 'https://partner.example/hooks',
      query: 'subscription { changes { id } }', variables: '{}', operationName: null, status: 'ACTIVE' as const, statusReason: null, statusChangedAt: null,
      secret: 'whsec_a', previousSecret: null, previousSecretUntil: null, cursor: 'c'.repeat(4000), failingSince: null,
      leaseHolder: null, leaseUntil: null, replays: 0, version: 1, createdAt: now, updatedAt: now,
    });
    await database.dataSource.getRepository(WebhookEndpointRow).insert(endpoint);
    await database.dataSource.getRepository(WebhookDeliveryRow).insert({
      id: 'wh_1:1', endpointId: 'wh_1', cursor: 'c1', payload: JSON.stringify({ data: { changes: { id: '中文' } } }), status: 'PENDING',
      attempts: 0, nextAttemptAt: null, committedAt: now, createdAt: now, deliveredAt: null,
    });
    await database.dataSource.getRepository(WebhookAttemptRow).insert([
      { deliveryId: 'wh_1:1', at: now, outcome: 'FAILED', httpStatus: 500, durationMs: 12, error: 'HTTP 500', responseExcerpt: 'x'.repeat(1000) },
      { deliveryId: 'wh_1:1', at: now, outcome: 'DELIVERED', httpStatus: 204, durationMs: 8, error: null, responseExcerpt: '' },
    ]);
    expect(await database.dataSource.getRepository(WebhookEndpointRow).findOneByOrFail({ id: 'wh_1' })).toEqual(endpoint);
    const delivery = await database.dataSource.getRepository(WebhookDeliveryRow).findOneByOrFail({ id: 'wh_1:1' });
    expect(JSON.parse(delivery.payload)).toEqual({ data: { changes: { id: '中文' } } });
    const attempts = await database.dataSource.getRepository(WebhookAttemptRow).find({ where: { deliveryId: 'wh_1:1' }, order: { id: 'ASC' } });
    expect(attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([['FAILED', 500], ['DELIVERED', 204]]);
  });

  it('opens again over the same database without running a migration twice', async () => {
    const again = await place.open();
    try {
      const ran = await again.dataSource.query('SELECT name FROM migrations') as { name: string }[];
      expect(ran.map((m) => m.name)).toEqual(['WebhooksSchema1773000000000']);
    } finally {
      await again.close();
    }
  });

  it('lets two workers on one database deliver each endpoint by one of them only, and hands a dead worker\'s on', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `wh_lease_${i}`);
    await database.dataSource.getRepository(WebhookEndpointRow).insert(ids.map((id) => endpointRow(id)));
    await database.dataSource.getRepository(WebhookEndpointRow).update({ id: 'wh_lease_9' }, { status: 'DISABLED' });
    // A second connection (pool) to the same database, as a second worker process would have.
    const other = await place.open();
    try {
      const a = new EndpointLeases(database.dataSource, 'worker-a', 60_000);
      const b = new EndpointLeases(other.dataSource, 'worker-b', 60_000);
      const now = new Date();
      const [claimedA, claimedB] = await Promise.all([a.claim(6, now), b.claim(20, now)]);
      const ours = (list: string[]) => list.filter((id) => id.startsWith('wh_lease_'));
      expect(ours(claimedA).filter((id) => ours(claimedB).includes(id))).toEqual([]);
      expect([...ours(claimedA), ...ours(claimedB)].sort()).toEqual(ids.slice(0, 9));
      // Renewing keeps them; the other cannot take them while the lease lasts.
      expect(await a.renew(claimedA, now)).toEqual(claimedA);
      expect(ours(await b.claim(20, new Date(now.getTime() + 30_000)))).toEqual(ours(claimedB));
      // Worker A dies (stops renewing): once its lease has run out, B claims A's endpoints, and A can no longer renew.
      const later = new Date(now.getTime() + 61_000);
      expect(ours(await b.claim(20, later)).sort()).toEqual(ids.slice(0, 9));
      expect(await a.renew(claimedA, later)).toEqual([]);
      // A clean stop releases at once.
      await b.release(ids);
      expect(ours(await a.claim(20, later)).sort()).toEqual(ids.slice(0, 9));
    } finally {
      await other.close();
    }
  });
});
