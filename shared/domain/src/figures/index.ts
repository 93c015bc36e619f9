export { MAX_SERIES_MONTHS, byPeriod, monthsBetween } from './periods';
export { mean, percentile } from './statistics';
