import { DiagLogLevel, diag } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetector, detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler,
} from '@opentelemetry/sdk-trace-node';
import { z } from 'zod';
import { loggerFor } from '../observability';

const milliseconds = z.coerce.number().int().min(1).max(600_000);

/** The OpenTelemetry variables the services read (the exporter reads its own OTEL_EXPORTER_OTLP_* besides). */
export const tracingEnvironment = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url('must be a URL such as http://collector:4318').optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url('must be a URL such as http://collector:4318/v1/traces').optional(),
  OTEL_TRACES_SAMPLER: z.enum(['parentbased_always_on', 'parentbased_traceidratio', 'always_on', 'traceidratio', 'always_off'], {
    error: 'must be parentbased_always_on, parentbased_traceidratio, always_on, traceidratio or always_off',
  }).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: milliseconds.optional(),
  OTEL_BSP_EXPORT_TIMEOUT: milliseconds.optional(),
  OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().min(1).optional(),
});

export interface Tracing {
  /** True when spans are exported (an OTLP endpoint is set); false: ids only, nothing recorded or sent. */
  readonly exporting: boolean;
  /** Sends what is still queued, then stops. */
  shutdown(): Promise<void>;
}

let running: { provider: NodeTracerProvider; tracing: Tracing } | null = null;

/**
 * The sampler the variables ask for. At the edge (the gateway, which anyone may call), a parent from outside does not
 * decide: its trace id is kept, but whether the trace is recorded is the root sampler's choice, so a caller can neither
 * force every request of its own to be recorded nor hide them from a ratio.
 */
function samplerFrom(env: z.infer<typeof tracingEnvironment>, edge: boolean): Sampler {
  const ratio = env.OTEL_TRACES_SAMPLER_ARG ?? 1;
  const parentBased = (root: Sampler) => new ParentBasedSampler(edge ? { root, remoteParentSampled: root, remoteParentNotSampled: root } : { root });
  switch (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') {
    case 'always_off': return new AlwaysOffSampler();
    case 'always_on': return new AlwaysOnSampler();
    case 'traceidratio': return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_traceidratio': return parentBased(new TraceIdRatioBasedSampler(ratio));
    case 'parentbased_always_on': return parentBased(new AlwaysOnSampler());
  }
}

/**
 * Starts OpenTelemetry tracing for one service (the official Node SDK's NodeTracerProvider): W3C Trace Context
 * propagation, AsyncLocalStorage for the active span, and `service.name` = `service`.
 *
 * Spans are exported by OTLP over HTTP (JSON) only when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set,
 * in batches (OTEL_BSP_SCHEDULE_DELAY, default 5000 ms). Without it there is no exporter at all and nothing is
 * recorded: spans are never sampled, so each request costs a trace and a span id (which the logs and the next
 * service still receive) and nothing more. OTEL_SDK_DISABLED=true registers nothing.
 */
export function startTracing(service: string, source: NodeJS.ProcessEnv = process.env, options: { edge?: boolean } = {}): Tracing {
  if (running) return running.tracing;
  const parsed = tracingEnvironment.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`invalid ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const env = parsed.data;
  const disabled = { exporting: false, shutdown: async () => undefined };
  if (env.OTEL_SDK_DISABLED === 'true') return disabled;
  const exporting = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const log = loggerFor(service);
  // The exporter's failures (a collector down) go to the service's log instead of nowhere.
  diag.setLogger({
    error: (message) => log.warn({ tracing: message }, 'trace export failed'),
    warn: (message) => log.warn({ tracing: message }, 'tracing'),
    info: () => undefined, debug: () => undefined, verbose: () => undefined,
  }, DiagLogLevel.WARN);
  // OTEL_RESOURCE_ATTRIBUTES may add attributes (deployment.environment, ...); the service's own name stays.
  const resource = detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ 'service.name': service }));
  const provider = new NodeTracerProvider({
    resource,
    sampler: exporting ? samplerFrom(env, options.edge ?? false) : new AlwaysOffSampler(),
    spanProcessors: exporting ? [new BatchSpanProcessor(new OTLPTraceExporter(), {
      scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY, exportTimeoutMillis: env.OTEL_BSP_EXPORT_TIMEOUT,
      maxQueueSize: env.OTEL_BSP_MAX_QUEUE_SIZE,
    })] : [],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const tracing: Tracing = {
    exporting,
    shutdown: async () => {
      running = null;
      await provider.shutdown();
    },
  };
  running = { provider, tracing };
  return tracing;
}

/** Sends the spans still queued and stops tracing (at a service's shutdown); nothing when tracing never started. */
export async function stopTracing(): Promise<void> {
  await running?.tracing.shutdown().catch(() => undefined);
}
