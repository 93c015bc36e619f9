import { createClient as createSseClient } from 'graphql-sse';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A test's subscriber: collects what arrives, waits (bounded) for it, and ends the subscription on request. */
export interface Subscriber {
  readonly received: Received[];
  /** An error that ended the subscription, or null. */
  readonly failure: unknown;
  /** Whether the server ended the subscription. */
  readonly completed: boolean;
  /** Waits until `count` results have arrived; fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  /** Ends the subscription (and the connection, for WebSocket). */
  close(): Promise<void>;
}

type Transport = 'ws' | 'sse';

/** A graphql-ws client to `url` with `headers` as its connection parameters; no reconnection. */
export const webSocketClient = (url: string, headers?: Record<string, string>): Client => createClient({
  url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: headers,
});

/** Subscribes to `query` at `url` (the gateway's /graphql) over WebSocket or Server-Sent Events. */
export function subscribe(url: string, query: string, variables: Record<string, unknown> = {},
  options: { transport?: Transport; headers?: Record<string, string>; client?: Client } = {}): Subscriber {
  const received: Received[] = [];
  let failure: unknown = null;
  let completed = false;
  const waiters = new Set<() => void>();
  const notify = () => { for (const w of waiters) w(); };
  const sink = {
    next: (value: unknown) => { received.push(value as Received); notify(); },
    error: (error: unknown) => { failure = error; notify(); },
    complete: () => { completed = true; notify(); },
  };
  let dispose: () => Promise<void>;
  if (options.transport === 'sse') {
    const client = createSseClient({ url: url.replace(/^ws/, 'http'), headers: options.headers, retryAttempts: 0 });
    const unsubscribe = client.subscribe({ query, variables }, sink);
    dispose = async () => { unsubscribe(); client.dispose(); };
  } else {
    const client = options.client ?? webSocketClient(url, options.headers);
    const unsubscribe = client.subscribe({ query, variables }, sink);
    dispose = async () => {
      unsubscribe();
      if (!options.client) await client.dispose();
    };
  }
  return {
    received,
    get failure() { return failure; },
    get completed() { return completed; },
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) return done(() => resolve(received.slice(0, count)));
          if (failure || completed) {
            return done(() => reject(new Error(`subscription ended after ${received.length} of ${count} results: ${describeFailure(failure)}`)));
          }
        };
        const timer = setTimeout(() => done(() => reject(new Error(`only ${received.length} of ${count} results within ${timeoutMs} ms: ${JSON.stringify(received.slice(-2))}`))), timeoutMs);
        const done = (then: () => void) => { clearTimeout(timer); waiters.delete(check); then(); };
        waiters.add(check);
        check();
      });
    },
    close: () => dispose(),
  };
}

/**
 * What ended a subscription, readable: a closed connection's code and reason (a CloseEvent prints as {}), an error's
 * message, or the errors the server sent.
 */
export function describeFailure(failure: unknown): string {
  if (failure instanceof Error) return `${failure.name}: ${failure.message}`;
  const closed = failure as { code?: unknown; reason?: unknown; wasClean?: unknown } | null;
  if (closed && typeof closed === 'object' && 'code' in closed) {
    return `connection closed (code ${String(closed.code)}, reason ${JSON.stringify(closed.reason ?? '')}, clean ${String(closed.wasClean)})`;
  }
  return JSON.stringify(failure);
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. Returns the time it took. */
export async function eventually(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

/** A partner system's subscriber that survives restarts: on any end it subscribes again after the last cursor it got. */
export interface ResumingSubscriber {
  /** Every event's data, in order of arrival across connections. */
  readonly events: Record<string, unknown>[];
  /** How many times it had to subscribe again. */
  readonly resumptions: number;
  close(): Promise<void>;
}

/**
 * Subscribes to `field` (a regional change subscription taking `after`, selecting `cursor`) at `url` and resubscribes
 * from the last event's cursor whenever the connection ends, every `retryMs`, until closed.
 */
export function subscribeResuming(url: string, query: string, field: string, after: string,
  headers: Record<string, string>, retryMs = 200): ResumingSubscriber {
  const events: Record<string, unknown>[] = [];
  let cursor = after;
  let resumptions = 0;
  let closed = false;
  let current: Client | null = null;
  const connect = () => {
    if (closed) return;
    const client = webSocketClient(url, headers);
    current = client;
    const again = () => {
      void client.dispose();
      if (closed) return;
      resumptions++;
      setTimeout(connect, retryMs);
    };
    client.subscribe<Record<string, Record<string, unknown>>>({ query, variables: { after: cursor } }, {
      next: (value) => {
        const event = value.data?.[field];
        if (!event) return;
        events.push(event);
        cursor = event.cursor as string;
      },
      error: again,
      complete: again,
    });
  };
  connect();
  return {
    events,
    get resumptions() { return resumptions; },
    close: async () => {
      closed = true;
      await current?.dispose();
    },
  };
}
