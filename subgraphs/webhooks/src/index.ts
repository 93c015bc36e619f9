export { allowedHostsFrom, endpointUrl, isBlockedAddress, MAX_ENDPOINT_URL_CHARS, type OutboundPolicy } from './delivery/outboundAddress';
export { BlockedAddressError, outboundAgent } from './delivery/outboundAgent';
export { newWebhookSecret, signDelivery, type SignedHeaders } from './delivery/webhookSigning';
export { DEFAULT_RETRY_SCHEDULE_MS, retryDelayMs, retryScheduleFrom } from './delivery/retrySchedule';
export { DELIVERY_TIMEOUT_MS, MAX_RESPONSE_BYTES, deliverEvent, type Attempt, type AttemptOutcome, type Delivery } from './delivery/deliverEvent';
export {
  DEFAULT_LEASE_MS, EndpointLeases, WEBHOOK_ENTITIES, WEBHOOK_MIGRATIONS, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow,
  openWebhooksDatabase,
  type DeliveryStatus, type EndpointStatus,
} from './store';
export { DEFAULT_DISABLE_AFTER_MS, recordAttempt, type DeliveryPolicy, type Recorded } from './worker/deliveryBook';
