import type { Client, FormattedExecutionResult } from 'graphql-ws';

/** One event of a webhook's subscription, as the worker takes it for delivery. */
export interface StreamEvent {
  /** The event as a WebSocket subscriber receives it, without the fields delivery added. */
  readonly result: FormattedExecutionResult<Record<string, unknown>, unknown>;
  readonly cursor: string;
  /** When the change committed, for the lag from commit to receipt. */
  readonly committedAt: string | null;
}

export type StreamStep = { readonly event: StreamEvent } | { readonly ended: string };

/** How many events a stream holds for its endpoint before it lets the subscription go (it resumes from the cursor). */
export const MAX_BUFFERED_EVENTS = 100;

/**
 * A webhook's subscription through the gateway, holding at most MAX_BUFFERED_EVENTS: past that the subscription is
 * let go, and once the held events are taken the stream says it ended, to be opened again from the last cursor
 * delivered. A receiver that takes minutes per event never makes the worker hold more than that.
 */
export class EventStream {
  private readonly buffered: StreamStep[] = [];
  private waiting: ((step: StreamStep | null) => void) | null = null;
  private unsubscribe: (() => void) | null;
  private ending: string | null = null;

  constructor(
    private readonly client: Client, request: { query: string; variables: Record<string, unknown>; operationName?: string },
    private readonly read: (result: FormattedExecutionResult<Record<string, unknown>, unknown>) => StreamEvent,
  ) {
    this.unsubscribe = client.subscribe<Record<string, unknown>>(request, {
      next: (result) => {
        if (this.ending) return;
        // The gateway refused it (a limit, the token): an error result with no event.
        try {
          this.push({ event: this.read(result) });
        } catch (error) {
          this.end(error instanceof Error ? error.message : String(error));
          return;
        }
        if (this.buffered.length >= MAX_BUFFERED_EVENTS) this.end('the endpoint is behind: resuming from its cursor');
      },
      error: (error) => this.end(describe(error)),
      complete: () => this.end('the subscription ended'),
    });
  }

  /** The next event, or why the stream ended (after every event it holds); null after `waitMs` or an interrupt. */
  next(waitMs: number): Promise<StreamStep | null> {
    const step = this.buffered.shift();
    if (step) return Promise.resolve(step);
    if (this.ending) return Promise.resolve({ ended: this.ending });
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.interrupt(), waitMs);
      this.waiting = (next) => {
        clearTimeout(timer);
        resolve(next);
      };
    });
  }

  /** Ends a wait for the next event now, with null: no event is taken. */
  interrupt(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(null);
  }

  close(): void {
    this.end('closed');
  }

  private push(step: StreamStep): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(step);
    else this.buffered.push(step);
  }

  private end(reason: string): void {
    if (this.ending) return;
    this.ending = reason;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    unsubscribe?.();
    // Each stream has a client (a connection) of its own, with a token fresh when it opened.
    void this.client.dispose();
    if (this.waiting) this.push({ ended: reason });
  }
}

/** graphql-ws reports errors as GraphQL errors, a CloseEvent or an Error: a few words of whichever it is. */
function describe(error: unknown): string {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message ?? String(e)).join('; ').slice(0, 300);
  const { code, reason, message } = (error ?? {}) as { code?: number; reason?: string; message?: string };
  if (code !== undefined) return `the connection closed (${code}${reason ? `: ${reason}` : ''})`;
  return (message ?? String(error)).slice(0, 300);
}
