import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { EventQueue } from './EventQueue';

/** The header that identifies a caller: one upstream connection per token (connection parameters are per socket). */
const IDENTITY = /^authorization$/;

/** graphql-ws connections from this service to one other, opened when a subscription needs one. */
export class UpstreamClients {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly url: string) {}

  /** The connection carrying `headers` as its parameters. */
  client(headers: Readonly<Record<string, string>>): Client {
    const identity = Object.entries(headers).filter(([k]) => IDENTITY.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify(identity);
    let client = this.clients.get(key);
    if (!client) {
      client = createClient({
        url: this.url, webSocketImpl: WebSocket, lazy: true, lazyCloseTimeout: 1000, keepAlive: 10_000,
        // Reconnection is resumableSubscription's: it resumes from the cursor, where a retry would repeat the request.
        retryAttempts: 0, connectionParams: Object.fromEntries(identity),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  async dispose(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

const isErrorList = (value: unknown): value is readonly GraphQLFormattedError[] =>
  Array.isArray(value) && value.every((e) => e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string');

export interface ResumableSubscriptionOptions<Position> {
  /** The connection to (re)subscribe on. */
  client(): Client;
  /** The subscription request resuming after `position`. */
  request(position: Position): SubscribePayload;
  /** Where the stream stands after this event, or null to stay where it was. */
  positionAfter(result: ExecutionResult): Position | null;
  /** Where to start. */
  readonly from: Position;
  /** Called before each reconnection, with the attempt number (from 1). */
  onRetry?(attempt: number, position: Position): void;
  readonly retryDelayMs?: { readonly min: number; readonly max: number };
  /** The upstream never ends by design (a change feed): its `complete` is a drop too, and resumed. */
  readonly endless?: boolean;
}

/**
 * A subscription to another service that survives the service going away: when its connection drops, it
 * subscribes again after a short backoff from the position of the last event received, for as long as its own
 * subscriber stays, so the events arrive without a gap and without a repeat. An upstream that refuses the request
 * (an `error` message: bad input, unauthenticated) ends it with those errors.
 */
export function resumableSubscription<Position>(options: ResumableSubscriptionOptions<Position>): EventQueue<ExecutionResult> {
  const delay = options.retryDelayMs ?? { min: 100, max: 2000 };
  let position = options.from;
  let attempt = 0;
  let unsubscribe: (() => void) | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  const queue = new EventQueue<ExecutionResult>(() => {
    if (retryTimer) clearTimeout(retryTimer);
    unsubscribe?.();
    unsubscribe = null;
  });
  const retry = () => {
    attempt++;
    options.onRetry?.(attempt, position);
    retryTimer = setTimeout(open, Math.min(delay.max, delay.min * 2 ** (attempt - 1)));
    retryTimer.unref();
  };
  const open = () => {
    retryTimer = null;
    if (queue.isEnded) return;
    // Kept current in place: should graphql-ws itself ever resend it (it does after a close with code 1000), it
    // resumes from the last event too.
    let request = options.request(position);
    unsubscribe = options.client().subscribe(request, {
      next: (result) => {
        attempt = 0;
        const next = options.positionAfter(result as ExecutionResult);
        if (next !== null) {
          position = next;
          request = Object.assign(request, options.request(position));
        }
        queue.push(result as ExecutionResult);
      },
      error: (error: unknown) => {
        unsubscribe = null;
        if (queue.isEnded) return;
        if (isErrorList(error)) {
          queue.end(error.map((e) => new GraphQLError(e.message, { extensions: e.extensions }))[0]);
          return;
        }
        retry();
      },
      complete: () => {
        unsubscribe = null;
        if (options.endless && !queue.isEnded) retry();
        else queue.end();
      },
    });
  };
  open();
  return queue;
}
