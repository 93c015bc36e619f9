import type { Database } from '@yrd/storage';
import type { Attempt } from '../delivery/deliverEvent';
import { Transactions, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from '../store';
import { endpointRow, webhooksTestDatabase } from '../testing/webhooksTestDatabase';
import { recordAttempt, type DeliveryPolicy } from './deliveryBook';

const POLICY: DeliveryPolicy = { retrySchedule: [5e3, 300e3], disableAfterMs: 3600e3, random: () => 0.5 };
const failed: Attempt = { outcome: 'FAILED', status: 500, durationMs: 3, error: 'HTTP 500', responseExcerpt: 'oops' };
const delivered: Attempt = { outcome: 'DELIVERED', status: 204, durationMs: 2, error: null, responseExcerpt: '' };
const gone: Attempt = { outcome: 'GONE', status: 410, durationMs: 2, error: null, responseExcerpt: '' };

describe('recording an attempt', () => {
  const place = webhooksTestDatabase('book');
  let database: Database;
  let transactions: Transactions;
  beforeAll(async () => {
    database = await place.open();
    transactions = new Transactions(database.dataSource);
  });
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
    const first = await recordAttempt(transactions, delivery, failed, POLICY, t0);
    expect(first).toMatchObject({ endpointStatus: 'FAILING', statusChanged: true, delivery: { status: 'PENDING', attempts: 1, nextAttemptAt: '2026-01-01T00:00:05.000Z' } });
    const second = await recordAttempt(transactions, first.delivery, failed, POLICY, new Date('2026-01-01T00:00:05.000Z'));
    expect(second).toMatchObject({ endpointStatus: 'FAILING', statusChanged: false, delivery: { attempts: 2, nextAttemptAt: '2026-01-01T00:05:05.000Z' } });
    expect((await endpoints().findOneByOrFail({ id: 'wh_a' })).cursor).toBe('c0');
    const third = await recordAttempt(transactions, second.delivery, delivered, POLICY, new Date('2026-01-01T00:05:05.000Z'));
    expect(third).toMatchObject({ endpointStatus: 'ACTIVE', statusChanged: true, delivery: { status: 'DELIVERED', attempts: 3 } });
    expect(await endpoints().findOneByOrFail({ id: 'wh_a' })).toMatchObject({ cursor: 'c1', failingSince: null, status: 'ACTIVE', version: 4 });
    const attempts = await database.dataSource.getRepository(WebhookAttemptRow).find({ where: { deliveryId: 'wh_a:1' }, order: { id: 'ASC' } });
    expect(attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([['FAILED', 500], ['FAILED', 500], ['DELIVERED', 204]]);
  });

  it('disables an endpoint that failed for the configured time, and one that answers 410 Gone at once', async () => {
    const t0 = new Date('2026-01-02T00:00:00.000Z');
    await endpoints().insert([endpointRow('wh_b', t0.toISOString()), endpointRow('wh_c', t0.toISOString())]);
    const stale = await recordAttempt(transactions, await newDelivery('wh_b', 1, t0), failed, POLICY, t0);
    const expired = await recordAttempt(transactions, stale.delivery, failed, POLICY, new Date(t0.getTime() + 3600e3));
    expect(expired).toMatchObject({ endpointStatus: 'DISABLED', statusChanged: true, delivery: { status: 'FAILED', nextAttemptAt: null } });
    expect((await endpoints().findOneByOrFail({ id: 'wh_b' })).statusReason).toMatch(/Every attempt failed for 1 h \(last: HTTP 500\)/);
    const goneNow = await recordAttempt(transactions, await newDelivery('wh_c', 1, t0), gone, POLICY, t0);
    expect(goneNow).toMatchObject({ endpointStatus: 'DISABLED', statusChanged: true });
    expect(await endpoints().findOneByOrFail({ id: 'wh_c' })).toMatchObject({ status: 'DISABLED', statusReason: 'The endpoint answered 410 Gone', cursor: 'c0', statusChangedAt: t0.toISOString() });
  });

  it('keeps an attempt at a delivery a replay replaced, and moves nothing else', async () => {
    const t0 = new Date('2026-01-03T00:00:00.000Z');
    await endpoints().insert(endpointRow('wh_d', t0.toISOString()));
    const delivery = await newDelivery('wh_d', 1, t0);
    await database.dataSource.getRepository(WebhookDeliveryRow).update({ id: delivery.id }, { status: 'FAILED' });
    const late = await recordAttempt(transactions, delivery, delivered, POLICY, t0);
    expect(late).toMatchObject({ statusChanged: false, delivery: { status: 'FAILED' } });
    expect(await endpoints().findOneByOrFail({ id: 'wh_d' })).toMatchObject({ cursor: 'c0', version: 1 });
    expect(await database.dataSource.getRepository(WebhookAttemptRow).countBy({ deliveryId: delivery.id })).toBe(1);
  });
});
