export { DEFAULT_FAILED_AUTH_LIMIT, useAuth, type FailedAuthLimit } from './useAuth';
export { useRateLimit } from './useRateLimit';
export { useLimits } from './useLimits';
export { useMasking } from './useMasking';
export { useHealth } from './useHealth';
export { useMetrics } from './useMetrics';
export { useSubscriptions, type SubscriptionsOptions } from './useSubscriptions';
export { MAX_ENTITY_REPRESENTATIONS, useEntitiesLimit } from './useEntitiesLimit';
