export { EventQueue } from './EventQueue';
export { MAX_OPERATIONS_PER_CONNECTION, attachWebSockets, type WebSocketTransport } from './webSockets';
export { serverSentEvents, type Subscribe } from './serverSentEvents';
export { UpstreamClients, resumableSubscription, type ResumableSubscriptionOptions, type Sink } from './upstream';
