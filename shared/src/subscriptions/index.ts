export { EventQueue } from './EventQueue';
export { connectionHeaders } from './connectionHeaders';
export { serveWebSockets, type WebSocketEndpoint, type WebSocketEndpoints } from './serveWebSockets';
export { UpstreamClients, resumableSubscription, type ResumableSubscriptionOptions } from './upstream';
