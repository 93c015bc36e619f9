import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { ErrorCode } from '@yrd/domain';
import { EventQueue } from './EventQueue';

/** The header that identifies a caller: one upstream connection per token (connection parameters are per socket). */
const IDENTITY = /^authorization$/;
/** How long a ping may go unanswered before the connection counts as dead (a half-open socket never closes). */
const PONG_TIMEOUT_MS = 5000;

interface Connection {
  readonly client: Client;
  users: number;
}

export type Sink = Parameters<Client['subscribe']>[1];

/**
 * graphql-ws connections from this service to one other, one per caller identity, opened when a subscription needs
 * one and disposed when its last subscription ends.
 */
export class UpstreamClients {
  private readonly connections = new Map<string, Connection>();

  constructor(private readonly url: string) {}

  /** Sends `request` on the connection for `headers`; returns what ends it (and releases the connection). */
  subscribe(headers: Readonly<Record<string, string>>, request: SubscribePayload, sink: Sink): () => void {
    const identity = Object.entries(headers).filter(([k]) => IDENTITY.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify(identity);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = { client: this.connect(Object.fromEntries(identity)), users: 0 };
      this.connections.set(key, connection);
    }
    const used = connection;
    used.users++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--used.users === 0 && this.connections.get(key) === used) {
        this.connections.delete(key);
        void used.client.dispose();
      }
    };
    const unsubscribe = used.client.subscribe(request, {
      next: (value) => sink.next(value),
      error: (error) => { release(); sink.error(error); },
      complete: () => { release(); sink.complete(); },
    });
    return () => {
      unsubscribe();
      release();
    };
  }

  private connect(connectionParams: Record<string, string>): Client {
    let socket: WebSocket | null = null;
    let pongTimer: NodeJS.Timeout | null = null;
    return createClient({
      url: this.url, webSocketImpl: WebSocket, lazy: true, lazyCloseTimeout: 1000, keepAlive: 10_000,
      // Reconnection is resumableSubscription's: it resumes from the cursor, where a retry would repeat the request.
      retryAttempts: 0, connectionParams,
      on: {
        connected: (s) => { socket = s as WebSocket; },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => socket?.close(4408, 'pong timeout'), PONG_TIMEOUT_MS);
          pongTimer.unref();
        },
        pong: (received) => { if (received && pongTimer) clearTimeout(pongTimer); },
        closed: () => { if (pongTimer) clearTimeout(pongTimer); },
      },
    });
  }

  async dispose(): Promise<void> {
    const connections = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(connections.map((c) => c.client.dispose()));
  }
}

/** graphql-ws's close codes for a refused connection: retrying with the same token cannot help. */
const REFUSED = new Set([4401, 4403]);
const closeCode = (value: unknown) => (value && typeof value === 'object' && 'code' in value ? Number(value.code) : null);

const isErrorList = (value: unknown): value is readonly GraphQLFormattedError[] =>
  Array.isArray(value) && value.every((e) => e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string');

export interface ResumableSubscriptionOptions<Position> {
  /** Sends the request upstream (see UpstreamClients.subscribe); returns what ends it. */
  subscribe(request: SubscribePayload, sink: Sink): () => void;
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
    unsubscribe = options.subscribe(request, {
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
        const code = closeCode(error);
        if (code !== null && REFUSED.has(code)) {
          const reason = (error as { reason?: unknown }).reason;
          queue.end(new GraphQLError(typeof reason === 'string' && reason ? reason : 'The token was refused upstream', {
            extensions: { code: ErrorCode.UNAUTHENTICATED },
          }));
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
