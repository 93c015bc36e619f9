import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;

/**
 * A service's Prometheus metrics (prom-client), served at /metrics. Operation names label the request series; a name
 * that is not a plain GraphQL name, or one past the first 200, counts as "other", so clients cannot grow the series
 * without bound.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();

  readonly requests = new Counter({
    name: 'yrd_graphql_requests_total', help: 'GraphQL operations answered, by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const, registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'yrd_graphql_request_duration_seconds', help: 'Time to answer a GraphQL operation, by operation name',
    labelNames: ['operation'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });
  readonly subgraphFetchDuration = new Histogram({
    name: 'yrd_subgraph_fetch_duration_seconds', help: 'Time a fetch from a subgraph took, by subgraph',
    labelNames: ['subgraph'] as const, buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5], registers: [this.registry],
  });
  readonly subgraphFetchErrors = new Counter({
    name: 'yrd_subgraph_fetch_errors_total', help: 'Fetches from a subgraph that failed (down, timed out, refused)',
    labelNames: ['subgraph'] as const, registers: [this.registry],
  });
  readonly eventsDelivered = new Counter({
    name: 'yrd_subscription_events_delivered_total', help: 'Subscription events delivered to subscribers',
    registers: [this.registry],
  });

  constructor(readonly service: string) {
    collectDefaultMetrics({ register: this.registry, labels: { service } });
  }

  /** A gauge read when Prometheus scrapes (open subscriptions, database connections). */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({ name, help, registers: [this.registry], collect() { this.set(read()); } });
  }

  /** A histogram of this service's own, observed by the function it returns. */
  histogram(name: string, help: string, buckets: number[]): (value: number) => void {
    const histogram = new Histogram({ name, help, buckets, registers: [this.registry] });
    return (value) => histogram.observe(value);
  }

  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return name ? 'other' : 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }
}
