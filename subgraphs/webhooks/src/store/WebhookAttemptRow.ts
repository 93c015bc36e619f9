import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One POST of a delivery: when, what the receiver answered, how long it took. */
@Entity('webhook_attempt')
@Index('webhook_attempt_by_delivery', ['deliveryId', 'id'])
export class WebhookAttemptRow {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'delivery_id', type: 'varchar', length: 120 }) deliveryId!: string;
  @Column({ type: 'varchar', length: 24 }) at!: string;
  @Column({ type: 'varchar', length: 16 }) outcome!: string;
  /** The receiver's HTTP status; null when none came. */
  @Column({ name: 'http_status', type: 'integer', nullable: true }) httpStatus!: number | null;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) error!: string | null;
  @Column({ name: 'response_excerpt', type: 'varchar', length: 1000 }) responseExcerpt!: string;
}
