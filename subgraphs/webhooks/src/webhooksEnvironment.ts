import { z } from 'zod';
import { GATEWAY_DEFAULT_PORT, REGION_DEFAULT_PORT } from '@yrd/domain';
import { allowedHostsFrom, type OutboundPolicy } from './delivery/outboundAddress';
import { retryScheduleFrom } from './delivery/retrySchedule';
import { DEFAULT_LEASE_MS } from './store';
import { DEFAULT_DISABLE_AFTER_MS, type DeliveryPolicy } from './worker/deliveryBook';

const url = z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL');

/** The webhooks service's own variables (beside the service's HOST, PORT, DATA_DIR, DATABASE_URL, ...). */
export const webhooksEnvironment = z.object({
  NODE_ENV: z.string().optional(),
  GATEWAY_URL: url.default(`http://127.0.0.1:${GATEWAY_DEFAULT_PORT}/graphql`),
  REGION_URL: url.default(`http://127.0.0.1:${REGION_DEFAULT_PORT}/graphql`),
  SUPERGRAPH_FILE: z.string().optional(),
  WEBHOOK_ALLOWED_HOSTS: z.string().optional(),
  WEBHOOK_RETRY_SCHEDULE: z.string().optional(),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().max(24 * 30).default(DEFAULT_DISABLE_AFTER_MS / 3600e3),
  WEBHOOK_WORKER: z.enum(['on', 'off']).default('on'),
  WEBHOOK_MAX_ENDPOINTS: z.coerce.number().int().min(1).max(10_000).default(500),
  WEBHOOK_LEASE_SECONDS: z.coerce.number().min(1).max(300).default(DEFAULT_LEASE_MS / 1000),
});

export interface WebhooksSettings {
  readonly gatewayWsUrl: string;
  readonly regionUrl: string;
  readonly supergraphFile: string | undefined;
  readonly outbound: OutboundPolicy;
  readonly policy: DeliveryPolicy;
  readonly worker: boolean;
  /** The most endpoints one worker delivers at once. */
  readonly maxEndpoints: number;
  readonly leaseMs: number;
}

/** The settings from the environment; every invalid variable is named with what to do, and the service does not start. */
export function webhooksSettingsFrom(env: NodeJS.ProcessEnv): WebhooksSettings {
  const result = webhooksEnvironment.safeParse(env);
  if (!result.success) throw new Error(result.error.issues.map((i) => `invalid ${i.path.join('.')}: ${i.message}`).join('\n'));
  const parsed = result.data;
  let retrySchedule: readonly number[];
  try {
    retrySchedule = retryScheduleFrom(parsed.WEBHOOK_RETRY_SCHEDULE);
  } catch (error) {
    throw new Error(`invalid WEBHOOK_RETRY_SCHEDULE: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    gatewayWsUrl: parsed.GATEWAY_URL.replace(/^http/, 'ws'),
    regionUrl: parsed.REGION_URL,
    supergraphFile: parsed.SUPERGRAPH_FILE,
    outbound: { production: parsed.NODE_ENV === 'production', allowedHosts: allowedHostsFrom(parsed.WEBHOOK_ALLOWED_HOSTS) },
    policy: { retrySchedule, disableAfterMs: parsed.WEBHOOK_DISABLE_AFTER_HOURS * 3600e3 },
    worker: parsed.WEBHOOK_WORKER === 'on',
    maxEndpoints: parsed.WEBHOOK_MAX_ENDPOINTS,
    leaseMs: parsed.WEBHOOK_LEASE_SECONDS * 1000,
  };
}
