export { EventQueue } from './EventQueue';
export { prepareOperation, type OperationChecks } from './prepareOperation';
export { connectionHeaders } from './connectionHeaders';
export { MAX_OPERATIONS_PER_CONNECTION, serveWebSockets, type WebSocketEndpoint, type WebSocketEndpoints } from './serveWebSockets';
export { UpstreamClients, resumableSubscription, type ResumableSubscriptionOptions, type Sink } from './upstream';
