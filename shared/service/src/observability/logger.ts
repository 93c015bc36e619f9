import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

const loggers = new Map<string, Logger>();

/** The trace of the span active when a line is written: every line written for a request names its trace. */
function traceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { traceId: span.traceId, spanId: span.spanId } : {};
}

/**
 * A service's structured JSON log (pino): one line per event, with `service`, a `level` label and, for a request,
 * its `requestId` (the x-request-id that follows it from the gateway into the subgraphs) and its `traceId` and
 * `spanId` (OpenTelemetry's, the same trace in every service: startTracing). LOG_LEVEL sets the level.
 */
export function loggerFor(service: string): Logger {
  let logger = loggers.get(service);
  if (!logger) {
    logger = pino({
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service },
      mixin: traceFields,
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    });
    loggers.set(service, logger);
  }
  return logger;
}

export type { Logger };
