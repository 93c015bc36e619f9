import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceMetrics } from '@yrd/service';
import type { Attempt } from '../delivery/deliverEvent';
import type { WebhookDeliveryRow } from '../store';
import type { Recorded } from './deliveryBook';

/** The webhooks' figures at /metrics: deliveries by outcome, attempts, and the lag from commit to receipt. */
export class WebhookMetrics {
  private readonly deliveries: Counter<'outcome'>;
  private readonly attempts: Counter<'outcome'>;
  private readonly lag: Histogram;
  private readonly endpointLag: Gauge<'endpoint'>;

  constructor(metrics: ServiceMetrics, endpointsHeld: () => number) {
    const registers = [metrics.registry];
    this.deliveries = new Counter({
      name: 'yrd_webhook_deliveries_total', help: 'Events delivered (DELIVERED) or given up (FAILED: 410 Gone, failing too long)',
      labelNames: ['outcome'] as const, registers,
    });
    this.attempts = new Counter({
      name: 'yrd_webhook_attempts_total', help: 'Delivery attempts, by outcome (DELIVERED, FAILED, GONE)', labelNames: ['outcome'] as const, registers,
    });
    this.lag = new Histogram({
      name: 'yrd_webhook_delivery_lag_seconds', help: 'From an event\'s commit in its province to its receiver\'s 2xx',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600], registers,
    });
    // Labelled by endpoint for the endpoints this worker holds only: the label goes when the lease does.
    this.endpointLag = new Gauge({
      name: 'yrd_webhook_endpoint_lag_seconds', help: 'The lag from commit to receipt of the last event delivered, per endpoint this worker delivers',
      labelNames: ['endpoint'] as const, registers,
    });
    metrics.gauge('yrd_webhook_endpoints_held', 'Endpoints this worker delivers now (its leases)', endpointsHeld);
  }

  attempted(endpointId: string, attempt: Attempt, recorded: Recorded, delivery: WebhookDeliveryRow): void {
    this.attempts.inc({ outcome: attempt.outcome });
    if (recorded.delivery.status === 'DELIVERED' && attempt.outcome === 'DELIVERED') {
      this.deliveries.inc({ outcome: 'DELIVERED' });
      if (delivery.committedAt) {
        const seconds = Math.max(0, (Date.now() - Date.parse(delivery.committedAt)) / 1000);
        this.lag.observe(seconds);
        this.endpointLag.set({ endpoint: endpointId }, seconds);
      }
    } else if (recorded.delivery.status === 'FAILED' && recorded.statusChanged) {
      this.deliveries.inc({ outcome: 'FAILED' });
    }
  }

  released(endpointId: string): void {
    this.endpointLag.remove({ endpoint: endpointId });
  }
}
