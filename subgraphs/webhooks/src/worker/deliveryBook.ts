import type { EntityManager } from 'typeorm';
import type { Attempt } from '../delivery/deliverEvent';
import { retryDelayMs } from '../delivery/retrySchedule';
import { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, type EndpointStatus, type Transactions } from '../store';

/** A failing endpoint is disabled after failing this long without one success (three days by default). */
export const DEFAULT_DISABLE_AFTER_MS = 3 * 24 * 3600e3;

export interface DeliveryPolicy {
  readonly retrySchedule: readonly number[];
  readonly disableAfterMs: number;
  readonly random?: () => number;
}

/** What recording an attempt did to its endpoint: the owner hears of every change of status. */
export interface Recorded {
  readonly delivery: WebhookDeliveryRow;
  /** The endpoint as the attempt left it; null when it was deleted, or the delivery replayed or delivered meanwhile. */
  readonly endpoint: WebhookEndpointRow | null;
  readonly endpointStatus: EndpointStatus;
  /** Set when the endpoint's status changed (FAILING, DISABLED, or ACTIVE again). */
  readonly statusChanged: boolean;
}

/**
 * The bookkeeping of one attempt, in one transaction: the attempt itself; a delivered event moves the endpoint's
 * cursor past it (the next event may go) and ends a failing spell; a failure schedules the retry by the policy and
 * marks the endpoint failing, disabled once it has failed for `disableAfterMs`; 410 Gone disables it at once.
 */
export async function recordAttempt(
  transactions: Transactions, delivery: WebhookDeliveryRow, attempt: Attempt, policy: DeliveryPolicy, now = new Date(),
): Promise<Recorded> {
  return transactions.run(async (tx: EntityManager) => {
    const at = now.toISOString();
    await tx.getRepository(WebhookAttemptRow).insert({
      deliveryId: delivery.id, at, outcome: attempt.outcome, httpStatus: attempt.status, durationMs: attempt.durationMs,
      error: attempt.error, responseExcerpt: attempt.responseExcerpt,
    });
    const endpoint = await tx.getRepository(WebhookEndpointRow).findOne({ where: { id: delivery.endpointId }, ...transactions.forUpdate });
    const current = await tx.getRepository(WebhookDeliveryRow).findOne({ where: { id: delivery.id }, ...transactions.forUpdate });
    // Deleted, replayed or delivered by another worker meanwhile: the attempt is kept, and nothing else moves.
    if (!endpoint || current?.status !== 'PENDING') return { delivery: current ?? delivery, endpoint: null, endpointStatus: endpoint?.status ?? 'DISABLED', statusChanged: false };
    const attempts = current.attempts + 1;
    let next: Partial<WebhookEndpointRow>;
    let updated: WebhookDeliveryRow;
    if (attempt.outcome === 'DELIVERED') {
      updated = { ...delivery, attempts, status: 'DELIVERED', nextAttemptAt: null, deliveredAt: at };
      next = { cursor: delivery.cursor, failingSince: null, status: endpoint.status === 'FAILING' ? 'ACTIVE' : endpoint.status, statusReason: null };
    } else if (attempt.outcome === 'GONE') {
      updated = { ...delivery, attempts, status: 'FAILED', nextAttemptAt: null };
      next = { status: 'DISABLED', statusReason: 'The endpoint answered 410 Gone' };
    } else {
      const failingSince = endpoint.failingSince ?? at;
      const expired = now.getTime() - Date.parse(failingSince) >= policy.disableAfterMs;
      updated = {
        ...delivery, attempts, status: expired ? 'FAILED' : 'PENDING',
        nextAttemptAt: expired ? null : new Date(now.getTime() + retryDelayMs(attempts, policy.retrySchedule, policy.random)).toISOString(),
      };
      next = expired
        ? { status: 'DISABLED', failingSince, statusReason: `Every attempt failed for ${Math.round(policy.disableAfterMs / 3600e3)} h (last: ${attempt.error ?? 'no answer'})` }
        : { status: endpoint.status === 'ACTIVE' ? 'FAILING' : endpoint.status, failingSince, statusReason: attempt.error };
    }
    await tx.getRepository(WebhookDeliveryRow).update({ id: delivery.id }, {
      attempts: updated.attempts, status: updated.status, nextAttemptAt: updated.nextAttemptAt, deliveredAt: updated.deliveredAt,
    });
    const endpointStatus = next.status ?? endpoint.status;
    const statusChanged = endpointStatus !== endpoint.status;
    const patch = { ...next, ...(statusChanged ? { statusChangedAt: at } : {}), version: endpoint.version + 1, updatedAt: at };
    await tx.getRepository(WebhookEndpointRow).update({ id: endpoint.id }, patch);
    return { delivery: updated, endpoint: Object.assign(new WebhookEndpointRow(), endpoint, patch), endpointStatus, statusChanged };
  });
}
