export { startTracing, stopTracing, tracingEnvironment, type Tracing } from './startTracing';
export {
  SpanKind, activeTraceId, childSpan, inSpan, linkToActive, tracer, withTraceContext, type SpanOptions,
} from './spans';
export { inCallerTrace, serveTraced } from './serverSpan';
export { traceBatch, traceResolvers } from './resolverSpans';
