export { limitsFromEnv, type LimitsConfig } from './limitsFromEnv';
export {
  DEFAULT_OPERATION_LIMITS, LIMIT_CODES, SUBGRAPH_OPERATION_LIMITS, checkVariableValues, limitRules, parseWithinLimits, withDefaults, type OperationLimits,
} from './operationLimits';
export { DEFAULT_RATE_LIMIT, SUBGRAPH_RATE_LIMIT, SubjectRateLimiter, rateLimited, type RateLimit } from './rateLimit';
export { SharedCounters, type SubjectSlots } from './SharedCounters';
