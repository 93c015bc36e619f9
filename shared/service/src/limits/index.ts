export { serviceLimits, type LimitsConfig, type ServiceLimits } from './serviceLimits';
export { limitsFromEnv } from './limitsFromEnv';
export { DEFAULT_OPERATION_LIMITS, LIMIT_CODES, limitRules, parseWithinLimits, type OperationLimits } from './operationLimits';
export { DEFAULT_RATE_LIMIT, SubjectRateLimiter, type RateLimit } from './rateLimit';
