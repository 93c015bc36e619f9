export { createWebhooksSubgraph, type WebhookWorkerSettings, type WebhooksSubgraph, type WebhooksSubgraphOptions } from './createWebhooksSubgraph';
export { allowedHostsFrom, endpointUrl, isBlockedAddress, MAX_ENDPOINT_URL_CHARS, type OutboundPolicy } from './delivery/outboundAddress';
export { BlockedAddressError, outboundAgent } from './delivery/outboundAgent';
export { newWebhookSecret, signDelivery, type SignedHeaders } from './delivery/webhookSigning';
export { DEFAULT_RETRY_SCHEDULE_MS, retryDelayMs, retryScheduleFrom } from './delivery/retrySchedule';
export { DELIVERY_TIMEOUT_MS, MAX_RESPONSE_BYTES, deliverEvent, type Attempt, type AttemptOutcome, type Delivery } from './delivery/deliverEvent';
export {
  DEFAULT_LEASE_MS, EndpointLeases, Transactions, WEBHOOK_ENTITIES, WEBHOOK_MIGRATIONS, WebhookAttemptRow, WebhookDeliveryRow,
  WebhookEndpointRow, openWebhooksDatabase, type DeliveryStatus, type EndpointStatus,
} from './store';
export { regionStartCursor, type StartCursor } from './schema/regionStartCursor';
export { webhooksSettingsFrom, type WebhooksSettings } from './webhooksEnvironment';
export { DEFAULT_DISABLE_AFTER_MS, recordAttempt, type DeliveryPolicy, type Recorded } from './worker/deliveryBook';
export { MAX_BUFFERED_EVENTS } from './worker/EventStream';
export { MAX_PAYLOAD_BYTES, deliveryId } from './worker/EndpointDelivery';
