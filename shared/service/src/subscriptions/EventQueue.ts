import { GraphQLError } from 'graphql';
import { ErrorCode } from '@yrd/domain';

/**
 * A push-to-pull bridge for one subscriber: producers push, the subscriber's `for await` pulls. `return()` ends it at
 * once, even while a `next()` is waiting, and runs `onClose` (which closes the upstream): an async generator would
 * queue its `return()` behind the pending `next()` and leak the upstream (DESIGN.md, change feed traps).
 * Hand-written because it must also be bounded with an error, not by dropping events: a subscriber that falls more
 * than `limit` events, or `maxBytes` of them (as JSON), behind is ended with SUBSCRIBER_TOO_SLOW and resumes from its
 * last cursor, losing nothing.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  /** The size of each queued item, and their sum: an item handed straight to a waiting subscriber is never measured. */
  private readonly sizes: number[] = [];
  private bytes = 0;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private ended = false;
  private closed = false;
  private failure: unknown = null;

  constructor(
    private readonly onClose: () => void | Promise<void> = () => undefined,
    private readonly limit = 10_000,
    private readonly maxBytes = 16 * 1024 * 1024,
    private readonly sizeOf: (item: T) => number = jsonLength,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: item, done: false });
      return;
    }
    const size = this.sizeOf(item);
    this.items.push(item);
    this.sizes.push(size);
    this.bytes += size;
    if (this.items.length > this.limit || this.bytes > this.maxBytes) {
      const behind = this.items.length > this.limit ? `${this.limit} events` : `${this.maxBytes} bytes of events`;
      this.clear();
      this.end(new GraphQLError(
        `This subscriber fell more than ${behind} behind; subscribe again with the last cursor it received`,
        { extensions: { code: ErrorCode.SUBSCRIBER_TOO_SLOW } },
      ));
    }
  }

  /** No more items: the subscriber gets those already queued, then `error` (if any) or the end. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error ?? null;
    if (this.waiting) {
      const [resolve, reject] = [this.waiting, this.failWaiting];
      this.waiting = this.failWaiting = null;
      if (error) reject?.(error);
      else resolve({ value: undefined, done: true });
      this.close().catch(() => undefined);
    }
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.items.length) {
      this.bytes -= this.sizes.shift() ?? 0;
      return { value: this.items.shift() as T, done: false };
    }
    if (this.ended) {
      await this.close();
      if (this.failure) {
        const error = this.failure;
        this.failure = null;
        throw error;
      }
      return { value: undefined, done: true };
    }
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  /** Bytes of the events waiting for the subscriber. */
  get queuedBytes(): number {
    return this.bytes;
  }

  private clear(): void {
    this.items.length = 0;
    this.sizes.length = 0;
    this.bytes = 0;
  }

  async return(): Promise<IteratorResult<T>> {
    this.clear();
    this.failure = null;
    this.end();
    await this.close();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }
}

/** Sizes of the objects measured, so that one event fanned out to a thousand subscribers' queues is measured once. */
const measured = new WeakMap<object, number>();

/** An item's size as the JSON it is sent as (a subscription result); 0 for what JSON cannot hold. */
function jsonLength(item: unknown): number {
  const known = typeof item === 'object' && item !== null ? measured.get(item) : undefined;
  if (known !== undefined) return known;
  let size = 0;
  try {
    size = JSON.stringify(item)?.length ?? 0;
  } catch {
    // A cycle or a BigInt: not something a subscriber is sent.
  }
  if (typeof item === 'object' && item !== null) measured.set(item, size);
  return size;
}
