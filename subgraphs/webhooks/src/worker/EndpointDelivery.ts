import { createHash } from 'node:crypto';
import type { Agent } from 'undici';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import { SpanKind, inSpan, type Logger } from '@yrd/service';
import { deliverEvent } from '../delivery/deliverEvent';
import { WebhookDeliveryRow, WebhookEndpointRow, type Transactions } from '../store';
import { recordAttempt, type DeliveryPolicy, type Recorded } from './deliveryBook';
import { EventStream, type StreamEvent } from './EventStream';
import type { WebhookMetrics } from './WebhookMetrics';

/** The largest event delivered (its JSON): a larger one disables the endpoint, saying so, and waits for a narrower query. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The longest a runner sleeps before it looks at its endpoint again (a retry hours away, a paused endpoint). */
const MAX_SLEEP_MS = 5_000;
const MAX_BACKOFF_MS = 30_000;

export interface DeliveryDeps {
  readonly transactions: Transactions;
  readonly agent: Agent;
  readonly policy: DeliveryPolicy;
  /** A graphql-ws client to the gateway reading as the endpoint's owner (a new one per stream: tokens expire). */
  client(endpoint: WebhookEndpointRow): Client;
  /** The endpoint's subscription as the worker sends it, resuming after `cursor` (deliverySubscription). */
  subscription(endpoint: WebhookEndpointRow, cursor: string): { query: string; variables: Record<string, unknown>; operationName?: string };
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
}

/** The webhook-id of an event: the same for every attempt, new after a replay. */
export const deliveryId = (endpoint: Pick<WebhookEndpointRow, 'id' | 'replays'>, cursor: string): string =>
  `msg_${createHash('sha256').update(`${endpoint.id}\n${endpoint.replays}\n${cursor}`).digest('base64url').slice(0, 32)}`;

/** An event as delivered: the subscription's result without the fields delivery selected for itself. */
export function readEvent(result: FormattedExecutionResult<Record<string, unknown>, unknown>): StreamEvent {
  const [[key, root] = []] = Object.entries(result.data ?? {});
  const fields = root as Record<string, unknown> | null | undefined;
  const cursor = fields?._webhookCursor;
  if (typeof cursor !== 'string') {
    throw new Error(`the subscription sent no event: ${result.errors?.map((e) => e.message).join('; ').slice(0, 300) ?? 'no data'}`);
  }
  const { _webhookCursor: _cursor, _webhookAt, ...selected } = fields as Record<string, unknown>;
  return {
    result: { ...result, data: { ...result.data, [key as string]: selected } },
    cursor, committedAt: typeof _webhookAt === 'string' ? _webhookAt : null,
  };
}

/**
 * Delivers one endpoint's events while this worker holds its lease: the oldest pending delivery first, retried on
 * the schedule; with none pending, the next event of its subscription, opened from the endpoint's cursor (the last
 * event delivered). Each event is stored before its first attempt, so that a worker that dies mid-delivery leaves it
 * to the next with the same webhook-id.
 */
export class EndpointDelivery {
  private stream: EventStream | null = null;
  private streamKey = '';
  /** The endpoint as this runner last left it, and its pending delivery (undefined: not known, to be read). */
  private endpoint: WebhookEndpointRow | null = null;
  private pending: WebhookDeliveryRow | null | undefined = undefined;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  /** The wait before the next try after an error or an ended subscription: doubled each time, reset by an event. */
  private backoffMs = 0;
  readonly done: Promise<void>;

  constructor(readonly endpointId: string, private readonly deps: DeliveryDeps) {
    this.done = this.run();
  }

  /** The version of the endpoint as this runner knows it; -1 while it does not. */
  get version(): number {
    return this.endpoint?.version ?? -1;
  }

  /** Looks at the endpoint again now (it changed: resumed, replayed, updated). */
  wake(): void {
    this.forget();
    this.stream?.interrupt();
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closeStream();
    this.wake();
    await this.done;
  }

  private get ds() {
    return this.deps.transactions.dataSource;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (error) {
        this.closeStream();
        this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(500, this.backoffMs * 2));
        this.deps.logger.warn({ endpoint: this.endpointId, err: error instanceof Error ? error.message : String(error) }, 'webhook delivery paused by an error: trying again');
        await this.sleep(this.backoffMs);
      }
    }
    this.closeStream();
  }

  private forget(): void {
    this.endpoint = null;
    this.pending = undefined;
  }

  private async step(): Promise<void> {
    // Read every time: a pause, a new URL or a rotated secret applies from the very next attempt.
    const endpoint = await this.ds.getRepository(WebhookEndpointRow).findOneBy({ id: this.endpointId });
    if (!endpoint || (endpoint.status !== 'ACTIVE' && endpoint.status !== 'FAILING')) {
      this.forget();
      this.closeStream();
      await this.sleep(MAX_SLEEP_MS);
      return;
    }
    // The pending delivery this runner knows stands while nobody else changed the endpoint (a replay fails it).
    if (endpoint.version !== this.endpoint?.version) this.pending = undefined;
    this.endpoint = endpoint;
    // At most one delivery of an endpoint is pending: the next event is stored only once it is through.
    this.pending ??= await this.ds.getRepository(WebhookDeliveryRow).findOne({
      where: { endpointId: endpoint.id, status: 'PENDING' }, order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (this.pending) await this.attempt(endpoint, this.pending);
    else await this.takeNextEvent(endpoint);
  }

  private async attempt(endpoint: WebhookEndpointRow, pending: WebhookDeliveryRow): Promise<void> {
    const wait = pending.nextAttemptAt ? Date.parse(pending.nextAttemptAt) - Date.now() : 0;
    if (wait > 0) {
      // Nothing is read meanwhile: the subscription resumes from the cursor once this event is through.
      this.closeStream();
      await this.sleep(Math.min(wait, MAX_SLEEP_MS));
      return;
    }
    const now = new Date();
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousSecretUntil && Date.parse(endpoint.previousSecretUntil) > now.getTime()) {
      secrets.push(endpoint.previousSecret);
    }
    // Each attempt is a trace of its own: the signed POST (with its traceparent) and the record of its outcome.
    const { attempt, recorded } = await inSpan('webhook delivery', {
      root: true, kind: SpanKind.PRODUCER,
      attributes: { 'messaging.message.id': pending.id, 'yrd.webhook.endpoint': endpoint.id, 'yrd.webhook.attempt': pending.attempts + 1 },
    }, async (span) => {
      const tried = await deliverEvent(this.deps.agent, { url: new URL(endpoint.url), id: pending.id, payload: pending.payload, secrets }, { now });
      span.setAttribute('yrd.webhook.outcome', tried.outcome);
      return { attempt: tried, recorded: await recordAttempt(this.deps.transactions, pending, tried, this.deps.policy) };
    });
    this.deps.metrics.attempted(endpoint.id, attempt, recorded, pending);
    if (recorded.endpoint) {
      this.endpoint = recorded.endpoint;
      this.pending = recorded.delivery.status === 'PENDING' ? recorded.delivery : null;
    } else {
      this.forget();
    }
    if (attempt.outcome !== 'DELIVERED') this.closeStream();
    else this.backoffMs = 0;
    if (recorded.statusChanged) this.logStatus(endpoint, recorded);
  }

  private async takeNextEvent(endpoint: WebhookEndpointRow): Promise<void> {
    // A stream is opened from the cursor and goes on while each event it gives is delivered (the cursor follows it);
    // a replay or a new query opens another.
    const key = [endpoint.replays, endpoint.query, endpoint.variables, endpoint.operationName ?? ''].join('\n');
    if (this.stream && this.streamKey !== key) this.closeStream();
    if (!this.stream) {
      this.stream = new EventStream(this.deps.client(endpoint), this.deps.subscription(endpoint, endpoint.cursor), readEvent);
      this.streamKey = key;
    }
    const step = await this.stream.next(MAX_SLEEP_MS);
    if (!step) return;
    if ('ended' in step) {
      this.closeStream();
      if (step.ended !== 'closed') {
        this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(1000, this.backoffMs * 2));
        this.deps.logger.info({ endpoint: endpoint.id, reason: step.ended }, 'webhook subscription ended: resuming from its cursor');
        await this.sleep(this.backoffMs);
      }
      return;
    }
    // An event came: the subscription works, and the next trouble starts its backoff afresh.
    this.backoffMs = 0;
    await this.store(endpoint, step.event);
  }

  /** The event as a pending delivery, made once: the same webhook-id and bytes for every attempt. */
  private async store(endpoint: WebhookEndpointRow, event: StreamEvent): Promise<void> {
    const payload = JSON.stringify(event.result);
    const id = deliveryId(endpoint, event.cursor);
    const now = new Date().toISOString();
    const row: WebhookDeliveryRow = {
      id, endpointId: endpoint.id, cursor: event.cursor, payload, status: 'PENDING', attempts: 0, nextAttemptAt: null,
      committedAt: event.committedAt, createdAt: now, deliveredAt: null,
    };
    this.pending = await this.deps.transactions.run(async (tx) => {
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        await tx.getRepository(WebhookEndpointRow).update({ id: endpoint.id }, {
          status: 'DISABLED', statusChangedAt: now, updatedAt: now, version: endpoint.version + 1,
          statusReason: `An event of ${Buffer.byteLength(payload)} bytes passes the ${MAX_PAYLOAD_BYTES} bytes a delivery may carry: select fewer fields (updateWebhook), then resumeWebhook`,
        });
        return undefined;
      }
      try {
        await tx.getRepository(WebhookDeliveryRow).insert(row);
        return row;
      } catch (error) {
        // Another worker (the lease changed hands) or an earlier life of this one stored it already: read it.
        if (await tx.getRepository(WebhookDeliveryRow).existsBy({ id })) return undefined;
        throw error;
      }
    });
    if (this.pending === undefined) this.forget();
  }

  private logStatus(endpoint: WebhookEndpointRow, recorded: Recorded): void {
    this.deps.logger.warn({ endpoint: endpoint.id, owner: endpoint.ownerSubject, status: recorded.endpointStatus }, 'webhook status changed');
  }

  private closeStream(): void {
    this.stream?.close();
    this.stream = null;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wakeUp = null; resolve(); }, ms);
      this.wakeUp = () => { clearTimeout(timer); resolve(); };
    });
  }
}
