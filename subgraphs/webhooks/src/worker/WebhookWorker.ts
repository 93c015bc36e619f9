import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Agent } from 'undici';
import type { GraphQLSchema } from 'graphql';
import type { Role } from '@yrd/domain';
import type { DelegatedTokens, Logger } from '@yrd/service';
import { DEFAULT_LEASE_MS, EndpointLeases, type Transactions, type WebhookEndpointRow } from '../store';
import { deliverySubscription } from '../subscription/webhookSubscription';
import type { DeliveryPolicy } from './deliveryBook';
import { EndpointDelivery, type DeliveryDeps } from './EndpointDelivery';
import type { WebhookMetrics } from './WebhookMetrics';

export interface WebhookWorkerOptions {
  readonly transactions: Transactions;
  /** ws://.../graphql of the gateway: deliveries subscribe there, as their endpoints' owners. */
  readonly gatewayWsUrl: string;
  readonly tokens: DelegatedTokens;
  /** The supergraph's API schema, to bind each webhook's subscription to its cursor. */
  readonly schema: () => GraphQLSchema;
  readonly agent: Agent;
  readonly policy: DeliveryPolicy;
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  /** How long a lease lasts unless renewed (DEFAULT_LEASE_MS): a dead worker's endpoints move on after it. */
  readonly leaseMs?: number;
  /** The most endpoints one worker delivers at once. Default 500. */
  readonly maxEndpoints?: number;
  /** This worker's name in the leases; default host, process and a random part. */
  readonly name?: string;
}

/**
 * The webhook worker: claims endpoints by lease (each delivered by one worker at a time), runs an EndpointDelivery
 * for each, renews its leases a few times a lease, lets go of what it lost, and on stop releases them at once for
 * another worker. A worker that dies stops renewing: after DEFAULT_LEASE_MS another claims its endpoints.
 */
export class WebhookWorker {
  readonly name: string;
  private readonly leases: EndpointLeases;
  private readonly running = new Map<string, EndpointDelivery>();
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly deliveryDeps: DeliveryDeps;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.name = options.name ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.leases = new EndpointLeases(options.transactions.dataSource, this.name, options.leaseMs ?? DEFAULT_LEASE_MS);
    const { transactions, agent, policy, metrics, logger, tokens, gatewayWsUrl, schema } = options;
    this.deliveryDeps = {
      transactions, agent, policy, metrics, logger,
      subscription: (endpoint, cursor) => deliverySubscription(schema(), {
        query: endpoint.query, variables: JSON.parse(endpoint.variables) as Record<string, unknown>, operationName: endpoint.operationName,
      }, cursor),
      client: (endpoint: WebhookEndpointRow): Client => createClient({
        url: gatewayWsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        keepAlive: 10_000,
        // Read-only, as the owner: the delegation key cannot issue anything else.
        connectionParams: async () => ({
          authorization: `Bearer ${await tokens.issue({ subject: endpoint.ownerSubject, role: endpoint.ownerRole as Role, province: endpoint.ownerProvince })}`,
        }),
      }),
    };
  }

  /** Endpoints this worker delivers now. */
  get endpointsHeld(): number {
    return this.running.size;
  }

  start(): void {
    const every = Math.max(200, Math.floor((this.options.leaseMs ?? DEFAULT_LEASE_MS) / 4));
    const loop = () => {
      this.tick = this.claimAndRenew().catch((error: unknown) => {
        this.options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'webhook leases could not be renewed: trying again');
      }).finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, every);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
    const ids = [...this.running.keys()];
    await Promise.all([...this.running.values()].map((delivery) => delivery.stop()));
    this.running.clear();
    await this.leases.release(ids);
    for (const id of ids) this.options.metrics.released(id);
  }

  /**
   * One claim renews the leases held and takes free or expired ones, up to maxEndpoints. An endpoint held no more
   * (paused, deleted, or taken by another worker after this one stalled past its lease) stops here.
   */
  private async claimAndRenew(): Promise<void> {
    const held = new Set(await this.leases.claim(this.options.maxEndpoints ?? 500, new Date()));
    for (const [id, delivery] of this.running) {
      if (held.has(id)) continue;
      this.running.delete(id);
      this.options.metrics.released(id);
      void delivery.stop();
    }
    for (const id of held) {
      if (!this.running.has(id) && !this.stopped) this.running.set(id, new EndpointDelivery(id, this.deliveryDeps));
    }
    await this.wakeChanged();
  }

  /** Wakes the deliveries whose endpoint changed since the last look (resumed, replayed, updated by their owner). */
  private async wakeChanged(): Promise<void> {
    const ids = [...this.running.keys()];
    if (!ids.length) return;
    const rows = await this.options.transactions.dataSource.query(
      `SELECT id, version FROM webhook_endpoint WHERE lease_holder = ?`, [this.name],
    ) as { id: string; version: number }[];
    // A delivery knows the versions its own attempts made: another one is its owner's change.
    for (const { id, version } of rows) {
      const delivery = this.running.get(id);
      if (delivery && delivery.version !== -1 && delivery.version !== Number(version)) delivery.wake();
    }
  }
}
