import pino, { type Logger } from 'pino';

const loggers = new Map<string, Logger>();

/**
 * A service's structured JSON log (pino): one line per event, with `service`, a `level` label and, for a request,
 * its `requestId` (the x-request-id that follows it from the gateway into the subgraphs). LOG_LEVEL sets the level.
 */
export function loggerFor(service: string): Logger {
  let logger = loggers.get(service);
  if (!logger) {
    logger = pino({
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    });
    loggers.set(service, logger);
  }
  return logger;
}

export type { Logger };
