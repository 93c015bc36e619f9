export { loggerFor, type Logger } from './logger';
export { ServiceMetrics } from './metrics';
