import { activeTraceId, childSpan, inSpan, withTraceContext } from './spans';
import { startTracing, stopTracing } from './startTracing';

describe('startTracing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  afterAll(() => stopTracing());

  it('records and exports nothing, yet every request has a trace id that goes on to the next service', async () => {
    const tracing = startTracing('unit', { PATH: process.env.PATH });
    expect(tracing.exporting).toBe(false);
    await inSpan('operation', {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      expect(activeTraceId()).toBe(span.spanContext().traceId);
      expect(activeTraceId()).toMatch(/^[0-9a-f]{32}$/);
      // Not sampled (flags 00): the next service records nothing either, but logs the same trace id.
      expect(withTraceContext({ authorization: 'Bearer x' })).toEqual({
        authorization: 'Bearer x', traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-00`,
      });
      // Statements, client calls, batches and resolvers make no span at all.
      await childSpan('SELECT port', {}, async (child) => expect(child).toBeNull());
    });
  });
});
