import type { Database } from '@yrd/storage';
import type { Attempt } from '../delivery/deliverEvent';
import { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from '../store';
import { endpointRow, webhooksTestDatabase } from '../testing/webhooksTestDatabase';
import { recordAttempt, type DeliveryPolicy } from './deliveryBook';

const POLICY: DeliveryPolicy = { retrySchedule: [5e3, 300e3], disableAfterMs: 3600e3, random: () => 0.5 };
const failed: Attempt = { outcome: 'FAILED', status: 500, durationMs: 3, error: 'HTTP 500', responseExcerpt: 'oops' };
const delivered: Attempt = { outcome: 'DELIVERED', status: 204, durationMs: 2, error: null, responseExcerpt: '' };
const gone: Attempt = { outcome: 'GONE', status: 410, durationMs: 2, error: null, responseExcerpt: '' };

describe('recording an attempt', () => {
  const place = webhooksTestDatabase('book');
  let database: Database;
  beforeAll(async () => { database = await place.open(); });
  afterAll(async () => {
    await database.close();
    await place.drop();
  });

  const endpoints = () => database.dataSource.getRepository(WebhookEndpointRow);
  const newDelivery = async (endpointId: string, n: number, at: Date) => {
    const row: WebhookDeliveryRow = {
      id: `${endpointId}:${n}`, endpointId, cursor: `c${n}`, payload: `{"n":${n}}`, status: 'PENDING', attempts: 0, nextAttemptAt: null,
      committedAt: at.toISOString(), createdAt: at.toISOString(), deliveredAt: null,
    };
    await database.dataSource.getRepository(WebhookDeliveryRow).insert(row);
    return row;
  };

  it('retries a failure on the schedule, marks the endpoint failing, and on success moves its cursor past the event', async () => {
    const t0 = new Date('2026-01-01T00:00:00.000Z');
    await endpoints().insert(endpointRow('wh_a', t0.toISOString()));
    const delivery = await newDelivery('wh_a', 1, t0);
    const first = await recordAttempt(database.dataSource, delivery, failed, POLICY, t0);
    expect(first).toMatchObject({ endpointStatus: 'FAILING', statusChanged: true, delivery: { status: 'PENDING', attempts: 1, nextAttemptAt: '2026-01-01T00:00:05.000Z' } });
    const second = await recordAttempt(database.dataSource, first.delivery, failed, POLICY, new Date('2026-01-01T00:00:05.000Z'));
    expect(second).toMatchObject({ endpointStatus: 'FAILING', statusChanged: false, delivery: { attempts: 2, nextAttemptAt: '2026-01-01T00:05:05.000Z' } });
    expect((await endpoints().findOneByOrFail({ id: 'wh_a' })).cursor).toBe('c0');
    const third = await recordAttempt(database.dataSource, second.delivery, delivered, POLICY, new Date('2026-01-01T00:05:05.000Z'));
    expect(third).toMatchObject({ endpointStatus: 'ACTIVE', statusChanged: true, delivery: { status: 'DELIVERED', attempts: 3 } });
    expect(await endpoints().findOneByOrFail({ id: 'wh_a' })).toMatchObject({ cursor: 'c1', failingSince: null, status: 'ACTIVE', version: 4 });
    const attempts = await database.dataSource.getRepository(WebhookAttemptRow).find({ where: { deliveryId: 'wh_a:1' }, order: { id: 'ASC' } });
    expect(attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([['FAILED', 500], ['FAILED', 500], ['DELIVERED', 204]]);
  });

  it('disables an endpoint that failed for the configured time, and one that answers 410 Gone at once', async () => {
    const t0 = new Date('2026-01-02T00:00:00.000Z');
    await endpoints().insert([endpointRow('wh_b', t0.toISOString()), endpointRow('wh_c', t0.toISOString())]);
    const stale = await recordAttempt(database.dataSource, await newDelivery('wh_b', 1, t0), failed, POLICY, t0);
    const expired = await recordAttempt(database.dataSource, stale.delivery, failed, POLICY, new Date(t0.getTime() + 3600e3));
    expect(expired).toMatchObject({ endpointStatus: 'DISABLED', statusChanged: true, delivery: { status: 'FAILED', nextAttemptAt: null } });
    expect((await endpoints().findOneByOrFail({ id: 'wh_b' })).statusReason).toMatch(/Every attempt failed for 1 h \(last: HTTP 500\)/);
    const goneNow = await recordAttempt(database.dataSource, await newDelivery('wh_c', 1, t0), gone, POLICY, t0);
    expect(goneNow).toMatchObject({ endpointStatus: 'DISABLED', statusChanged: true });
    expect(await endpoints().findOneByOrFail({ id: 'wh_c' })).toMatchObject({ status: 'DISABLED', statusReason: 'The endpoint answered 410 Gone', cursor: 'c0' });
  });
});
