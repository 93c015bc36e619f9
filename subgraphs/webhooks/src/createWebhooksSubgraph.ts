import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { webhookTypeDefs } from '@yrd/domain';
import {
  SUBGRAPH_RATE_LIMIT, ServiceMetrics, createServiceServer, loggerFor, useAuth, useEntitiesLimit, useHealth, useLimits, useMasking,
  useMetrics, useRateLimit, useSubscriptions, useTracing, withDefaults, SUBGRAPH_OPERATION_LIMITS, type Authenticator, type CallerHeaders,
  type DelegatedTokens, type OperationLimits, type RateLimit, type ServicePlugin, type ServiceServer, type SubgraphResolvers,
} from '@yrd/service';
import type { Database } from '@yrd/storage';
import { outboundAgent } from './delivery/outboundAgent';
import type { OutboundPolicy } from './delivery/outboundAddress';
import { regionStartCursor, type StartCursor } from './schema/regionStartCursor';
import { StatusChanges } from './schema/StatusChanges';
import { webhookResolvers } from './schema/webhookResolvers';
import type { WebhookContext } from './schema/WebhookContext';
import { Transactions } from './store';
import { SupergraphSchema } from './subscription/supergraphSchema';
import type { DeliveryPolicy } from './worker/deliveryBook';
import { WebhookMetrics } from './worker/WebhookMetrics';
import { WebhookWorker } from './worker/WebhookWorker';

export interface WebhookWorkerSettings {
  /** ws://.../graphql of the gateway the worker subscribes through. */
  readonly gatewayWsUrl: string;
  /** The delegation key's tokens: read-only, as each endpoint's owner. */
  readonly tokens: DelegatedTokens;
  readonly policy: DeliveryPolicy;
  readonly leaseMs?: number;
  readonly maxEndpoints?: number;
  readonly name?: string;
}

export interface WebhooksSubgraphOptions {
  readonly database: Database;
  readonly authenticator: Authenticator;
  /** The composed supergraph (the gateway's SUPERGRAPH_FILE): subscriptions are checked against its API schema. */
  readonly supergraphFile: string;
  /** The region's URL (for the start cursor of a webhook registered without `after`), or the start cursor itself. */
  readonly startCursor: string | StartCursor;
  readonly provinces: readonly string[];
  readonly outbound: OutboundPolicy;
  /** The limits a live subscription has at the gateway (limitsFromEnv().operations). */
  readonly subscriptionLimits?: Partial<OperationLimits>;
  readonly introspection?: boolean;
  readonly rateLimit?: RateLimit | null;
  /** The delivery worker, or null for a replica that only serves the subgraph. */
  readonly worker: WebhookWorkerSettings | null;
}

export interface WebhooksSubgraph {
  readonly server: ServiceServer<WebhookContext>;
  readonly worker: WebhookWorker | null;
}

/** Runs the delivery worker with the service: started when it starts, stopped (its leases released) when it stops. */
function useWebhookWorker(worker: WebhookWorker): ServicePlugin<WebhookContext> {
  return {
    name: 'webhook-worker',
    onStart: () => { worker.start(); },
    onStop: () => worker.stop(),
  };
}

/**
 * The webhooks subgraph: partners' endpoints and their deliveries (registered through the gateway), and the worker
 * that delivers them, in one service that may run as several replicas over one database.
 */
export function createWebhooksSubgraph(options: WebhooksSubgraphOptions): WebhooksSubgraph {
  const transactions = new Transactions(options.database.dataSource);
  const statusChanges = new StatusChanges(options.database.dataSource);
  const supergraph = new SupergraphSchema(options.supergraphFile);
  const resolvers = webhookResolvers({
    transactions, statusChanges, supergraph,
    limits: withDefaults(options.subscriptionLimits), outbound: options.outbound, provinces: options.provinces,
    startCursor: typeof options.startCursor === 'string' ? regionStartCursor(options.startCursor) : options.startCursor,
  }) as unknown as SubgraphResolvers;
  const schema = buildSubgraphSchema([{ typeDefs: parse(webhookTypeDefs()), resolvers }]);
  const metrics = new ServiceMetrics('webhooks');
  const logger = loggerFor('webhooks');
  let worker: WebhookWorker | null = null;
  if (options.worker) {
    worker = new WebhookWorker({
      ...options.worker, transactions, logger, agent: outboundAgent(options.outbound), schema: () => supergraph.schema,
      metrics: new WebhookMetrics(metrics, () => worker?.endpointsHeld ?? 0),
    });
  }
  const { authenticator } = options;
  const server = createServiceServer<WebhookContext>({
    name: 'webhooks',
    schema,
    context: async (headers: CallerHeaders) => ({ actor: await authenticator.actorFrom(headers.authorization), forward: headers }),
    plugins: [
      useHealth('webhooks', [{ name: 'database', check: async () => { await options.database.dataSource.query('SELECT 1'); } }]),
      useMetrics(metrics),
      useTracing(),
      // Not published beyond the services' network: failures come from the gateway's address, never block it.
      useAuth(authenticator, null),
      useRateLimit(authenticator, options.rateLimit === undefined ? SUBGRAPH_RATE_LIMIT : options.rateLimit),
      useLimits(SUBGRAPH_OPERATION_LIMITS),
      useEntitiesLimit(),
      useMasking('webhooks', { introspection: options.introspection }),
      // webhookStatusChanged, which the gateway's federated subscriptions follow.
      useSubscriptions({ sse: false }),
      { name: 'status-changes', onStop: async () => statusChanges.dispose() },
      ...(worker ? [useWebhookWorker(worker)] : []),
    ],
  });
  return { server, worker };
}
