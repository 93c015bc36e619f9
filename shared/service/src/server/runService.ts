import { loggerFor } from '../observability';
import { stopTracing } from '../tracing';

/**
 * The process around one service: starts it, prints one JSON `ready` line with its URL (npm start waits for it),
 * stops it cleanly on SIGINT or SIGTERM (and sends the spans still queued), and exits 1 with a `fatal` line when it
 * cannot start.
 */
export function runService(name: string, start: () => Promise<{ url: string; stop(): Promise<void> }>): void {
  // Start and failure lines print whatever LOG_LEVEL says: npm start and operators wait for them.
  const log = loggerFor(name).child({}, { level: 'info' });
  start().then(({ url, stop }) => {
    log.info({ url }, 'ready');
    // The spans still queued for export go before the process does.
    const shutdown = () => stop().then(stopTracing).then(() => process.exit(0), () => process.exit(1));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }, (error: unknown) => {
    log.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
