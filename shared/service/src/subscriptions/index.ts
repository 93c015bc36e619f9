export { EventQueue } from './EventQueue';
export { MAX_OPERATIONS_PER_CONNECTION, attachWebSockets, type WebSocketTransport } from './webSockets';
export { serverSentEvents, type Subscribe } from './serverSentEvents';
export { UpstreamClients, resumableSubscription, type ResumableSubscriptionOptions, type Sink } from './upstream';
export { GATEWAY_RESUME, RESUME_AFTER, RESUME_CURSOR, resumableOperation, type ResumableOperation, type ResumeNames } from './resumableOperation';
