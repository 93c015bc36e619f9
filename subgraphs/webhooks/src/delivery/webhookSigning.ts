import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret as Standard Webhooks writes them: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * The Standard Webhooks headers of one delivery, signed with every secret given (the new one and, during a
 * rotation's grace period, the old one: a receiver verifies with either). `id` is the event's, the same on every
 * retry, so that a receiver can drop what it already has.
 */
export function signDelivery(id: string, at: Date, payload: string, secrets: readonly string[]): SignedHeaders {
  if (!secrets.length) throw new Error('a delivery needs at least one signing secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' '),
  };
}
