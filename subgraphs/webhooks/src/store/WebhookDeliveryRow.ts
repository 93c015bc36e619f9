import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/**
 * One event for one endpoint: its payload made once, so that every retry sends the same bytes under the same
 * webhook-id. The next event of the endpoint waits until this one is delivered.
 */
@Entity('webhook_delivery')
@Index('webhook_delivery_by_endpoint', ['endpointId', 'createdAt'])
export class WebhookDeliveryRow {
  /** The webhook-id: the endpoint and the event's position, stable across retries. */
  @PrimaryColumn({ type: 'varchar', length: 120 }) id!: string;
  @Column({ name: 'endpoint_id', type: 'varchar', length: 40 }) endpointId!: string;
  /** The regional cursor of the event: the endpoint's cursor once this is delivered. */
  @Column({ type: 'varchar', length: 4096 }) cursor!: string;
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'varchar', length: 16 }) status!: DeliveryStatus;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 24, nullable: true }) nextAttemptAt!: string | null;
  /** When the event committed in its province, for the lag from commit to receipt. */
  @Column({ name: 'committed_at', type: 'varchar', length: 24, nullable: true }) committedAt!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt!: string;
  @Column({ name: 'delivered_at', type: 'varchar', length: 24, nullable: true }) deliveredAt!: string | null;
}
