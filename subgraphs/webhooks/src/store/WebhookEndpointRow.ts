import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EndpointStatus = 'ACTIVE' | 'PAUSED' | 'FAILING' | 'DISABLED';

/** A partner's endpoint: where its subscription's events are POSTed, from which position, by whom, signed how. */
@Entity('webhook_endpoint')
export class WebhookEndpointRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  /** Who registered it (the token's subject), with the role and province it then held: deliveries read as them. */
  @Column({ name: 'owner_subject', type: 'varchar', length: 200 }) ownerSubject!: string;
  @Column({ name: 'owner_role', type: 'varchar', length: 16 }) ownerRole!: string;
  @Column({ name: 'owner_province', type: 'varchar', length: 32, nullable: true }) ownerProvince!: string | null;
  @Column({ type: 'varchar', length: 2048 }) url!: string;
  /** The GraphQL subscription, its variables (JSON) and operation name, as registered and validated. */
  @Column({ type: 'text' }) query!: string;
  @Column({ type: 'text' }) variables!: string;
  @Column({ name: 'operation_name', type: 'varchar', length: 100, nullable: true }) operationName!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: EndpointStatus;
  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true }) statusReason!: string | null;
  /** When its status last changed (its owner is told: webhookStatusChanged). */
  @Column({ name: 'status_changed_at', type: 'varchar', length: 24, nullable: true }) statusChangedAt!: string | null;
  /** The signing secret, and the one it replaced while the rotation's grace period lasts. */
  @Column({ type: 'varchar', length: 100 }) secret!: string;
  @Column({ name: 'previous_secret', type: 'varchar', length: 100, nullable: true }) previousSecret!: string | null;
  @Column({ name: 'previous_secret_until', type: 'varchar', length: 24, nullable: true }) previousSecretUntil!: string | null;
  /** The regional cursor of the last event delivered (or the start): delivery resumes after it. */
  @Column({ type: 'varchar', length: 4096 }) cursor!: string;
  /** Since when every attempt failed; null while deliveries succeed. */
  @Column({ name: 'failing_since', type: 'varchar', length: 24, nullable: true }) failingSince!: string | null;
  /** The worker delivering it now, until when: one at a time, handed on when a worker stops renewing. */
  @Column({ name: 'lease_holder', type: 'varchar', length: 100, nullable: true }) leaseHolder!: string | null;
  @Column({ name: 'lease_until', type: 'varchar', length: 24, nullable: true }) leaseUntil!: string | null;
  /** How many times it was replayed: part of each delivery's id, so that a replayed event is a new message. */
  @Column({ type: 'integer' }) replays!: number;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt!: string;
}
