import {
  ROOT_CONTEXT, SpanKind, SpanStatusCode, context, isSpanContextValid, propagation, trace, type Attributes, type Link, type Span,
} from '@opentelemetry/api';

/** The platform's tracer: every span the services make themselves (@apollo/gateway names its own). */
export const tracer = trace.getTracer('yrd');

export { SpanKind };

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** A span of its own trace (a subscription event, a webhook delivery), linked to where it came from. */
  readonly root?: boolean;
  readonly links?: readonly Link[];
}

/** Ends `span` with the outcome of `work`: an error is recorded on it (its message only) and rethrown. */
async function ended<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) });
    span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
    throw error;
  } finally {
    span.end();
  }
}

/** Runs `work` in a new active span: its children's parent, ended when `work` settles. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.root ? ROOT_CONTEXT : context.active();
  const span = tracer.startSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links ? [...options.links] : undefined }, parent);
  return context.with(trace.setSpan(parent, span), () => ended(span, () => work(span)));
}

/**
 * `work` in a child span of the span active now, only when that one is recorded: SQL statements, client calls,
 * DataLoader batches and resolvers cost nothing when tracing is off or the request is not sampled, and a statement
 * outside any request (a feed's poll, a worker's loop) makes no trace of its own. The attributes are computed only
 * for a span that is made.
 */
export function childSpan<T>(
  name: string, options: Omit<SpanOptions, 'root' | 'attributes'> & { attributes?: () => Attributes }, work: (span: Span | null) => Promise<T>,
): Promise<T> {
  return trace.getActiveSpan()?.isRecording() ? inSpan(name, { ...options, attributes: options.attributes?.() }, work) : work(null);
}

/** The active trace's id, when there is one (the logs' and the response's `traceId`). */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** `headers` with the active span's `traceparent` (and `tracestate`), for a call to another service. */
export function withTraceContext(headers: Readonly<Record<string, string>>): Record<string, string> {
  const carrier: Record<string, string> = { ...headers };
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** A link to the span active now (e.g. from a subscription's event to the request that subscribed). */
export function linkToActive(): Link[] {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? [{ context: spanContext }] : [];
}
