/**
 * The process around one service: starts it, prints one JSON `ready` line with its URL (npm start waits for it),
 * stops it cleanly on SIGINT or SIGTERM, and exits 1 with a `fatal` line when it cannot start.
 */
export function runService(name: string, start: () => Promise<{ url: string; stop(): Promise<void> }>): void {
  start().then(({ url, stop }) => {
    console.log(JSON.stringify({ level: 'info', service: name, msg: 'ready', url }));
    const shutdown = () => stop().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }, (error: unknown) => {
    console.error(JSON.stringify({ level: 'fatal', service: name, msg: error instanceof Error ? error.message : String(error) }));
    process.exit(1);
  });
}
