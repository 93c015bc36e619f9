import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@yrd/domain';
import { EventQueue } from '@yrd/service';
import type { GatewayContext } from '../subgraphs/GatewayContext';

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Events a stream keeps for subscribers resuming from a cursor it has passed: about a minute of a busy feed. */
export const STREAM_HISTORY_EVENTS = 512;

/** One subscriber of a stream: its own queue (and so its own backpressure) and its own token. */
interface Member {
  readonly queue: EventQueue<ExecutionResult>;
  readonly context: GatewayContext;
  /** The stream it receives from now (it moves when its stream catches up with another). */
  stream: SharedStream;
}

/** An event a stream delivered, and where the stream stood after it; null for where the stream started. */
interface Delivered {
  readonly key: string;
  readonly result: ExecutionResult | null;
}

/** The events of one upstream subscription, for every subscriber on it. */
export interface SharedStream {
  readonly members: Set<Member>;
  /** Where it may be joined: its operation, variables and the cursor it stands at; null while it may not. */
  key: string | null;
  /** Its last events (at most STREAM_HISTORY_EVENTS), oldest first: a subscriber resuming after one of them joins. */
  readonly history: Delivered[];
  /** Ends the upstream subscription (once the last subscriber has left). */
  close(): Promise<unknown>;
}

/**
 * Identical subscriptions on one stream: one upstream subscription and one run of the plan per event, whatever the
 * number of subscribers (the events are the same for everyone: every authenticated caller may read every record).
 * A subscriber joins a stream that stands exactly at the cursor it starts after, or one that passed that cursor
 * lately: it then first receives the stream's events since, from the stream's history. Either way it receives every
 * event after its cursor, once. One that starts elsewhere gets a stream of its own, whose subscribers move to
 * another once it stands where that one stands or stood. Each subscriber keeps its own queue, token expiry and
 * backpressure.
 */
export class SharedStreams {
  private readonly joinable = new Map<string, SharedStream>();
  /** Where streams stood after each event of their history: the stream, and the event's place in it. */
  private readonly passed = new Map<string, { readonly stream: SharedStream; readonly event: Delivered }>();
  private open = 0;

  /** `delivered` counts each event handed to a subscriber. */
  constructor(private readonly delivered?: () => void) {}

  /** Subscriptions open now (subscribers, not streams). */
  get openSubscriptions(): number {
    return this.open;
  }

  /**
   * The queue of a subscriber on the stream that stands at `key`, or that stood there lately (the queue then holds
   * the events since); null when none does.
   */
  join(key: string | null, context: GatewayContext): EventQueue<ExecutionResult> | null {
    if (key === null) return null;
    const stream = this.joinable.get(key);
    if (stream) return this.member(context, stream).queue;
    const passed = this.passed.get(key);
    if (!passed) return null;
    const { queue } = this.member(context, passed.stream);
    for (const { result } of this.since(passed.stream, passed.event)) {
      if (!result) continue;
      queue.push(result);
      this.delivered?.();
    }
    return queue;
  }

  /** The events of a stream's history after `event` (which is in it: only what is kept is indexed), oldest first. */
  private since(stream: SharedStream, event: Delivered): Delivered[] {
    const at = stream.history.indexOf(event);
    if (at < 0) throw new Error('a stream\'s history lost an event it indexed');
    return stream.history.slice(at + 1);
  }

  /** A new stream, joinable at `key`, with its first subscriber; the caller feeds it (deliver, end) and sets close. */
  create(key: string | null, context: GatewayContext): { stream: SharedStream; queue: EventQueue<ExecutionResult>; current(): GatewayContext } {
    const stream: SharedStream = { members: new Set(), key: null, history: [], close: async () => undefined };
    const { queue } = this.member(context, stream);
    this.list(stream, key);
    if (key !== null) this.remember(stream, { key, result: null });
    // A subscriber there now, whose token the stream's fetches and reconnections use (the first may have left).
    const current = () => stream.members.values().next().value?.context ?? context;
    return { stream, queue, current };
  }

  /**
   * Hands `result` to every subscriber; the stream then stands at `key`. Where another stream stands or stood there,
   * the subscribers go on with that one (after its events since, if it is ahead), and false says this one is to end.
   */
  deliver(stream: SharedStream, result: ExecutionResult, key: string | null): boolean {
    for (const { queue } of stream.members) {
      queue.push(result);
      this.delivered?.();
    }
    this.unlist(stream);
    const standing = key === null ? undefined : this.joinable.get(key);
    const passed = key === null || standing ? undefined : this.passed.get(key);
    const ahead = standing ?? passed?.stream;
    if (ahead && ahead !== stream && stream.members.size) {
      const since = passed ? this.since(passed.stream, passed.event) : [];
      for (const member of stream.members) {
        for (const { result: missed } of since) {
          if (!missed) continue;
          member.queue.push(missed);
          this.delivered?.();
        }
        member.stream = ahead;
        ahead.members.add(member);
      }
      stream.members.clear();
      this.forget(stream);
      return false;
    }
    if (stream.members.size) {
      this.list(stream, key);
      if (key !== null) this.remember(stream, { key, result });
    }
    return true;
  }

  /** No more events: each subscriber still on the stream gets its end, or `failure`. */
  end(stream: SharedStream, failure?: GraphQLError): void {
    this.unlist(stream);
    this.forget(stream);
    for (const { queue } of [...stream.members]) queue.end(failure);
  }

  private remember(stream: SharedStream, event: Delivered): void {
    stream.history.push(event);
    // A later stream that stood there first keeps the place: new subscribers join it and miss nothing either way.
    if (!this.passed.has(event.key)) this.passed.set(event.key, { stream, event });
    while (stream.history.length > STREAM_HISTORY_EVENTS) this.unindex(stream, stream.history.shift() as Delivered);
  }

  /** Its history is no longer joinable (it ended, or its subscribers went on with another stream). */
  private forget(stream: SharedStream): void {
    for (const event of stream.history) this.unindex(stream, event);
    stream.history.length = 0;
  }

  private unindex(stream: SharedStream, event: Delivered): void {
    if (this.passed.get(event.key)?.stream === stream) this.passed.delete(event.key);
  }

  /**
   * One subscriber's queue. A token is good until it expires: then this subscriber's subscription ends, and the
   * partner subscribes again with a new token and its last cursor, losing nothing.
   */
  private member(context: GatewayContext, stream: SharedStream): Member {
    const untilExpiry = context.expiresAt === undefined ? Infinity : Math.max(0, context.expiresAt - Date.now());
    // (A token good for longer than a timer can wait, about 24 days, is not timed.)
    const expiry = untilExpiry > MAX_TIMER_MS ? null : setTimeout(() => queue.end(new GraphQLError(
      'The token has expired: subscribe again with a new token and the last cursor received',
      { extensions: { code: ErrorCode.UNAUTHENTICATED } },
    )), untilExpiry);
    expiry?.unref();
    const queue: EventQueue<ExecutionResult> = new EventQueue<ExecutionResult>(async () => {
      this.open--;
      if (expiry) clearTimeout(expiry);
      // Leaving the stream it is on now; the last to leave ends it.
      const on = member.stream;
      on.members.delete(member);
      if (on.members.size) return;
      this.unlist(on);
      this.forget(on);
      await on.close();
    });
    const member: Member = { queue, context, stream };
    stream.members.add(member);
    this.open++;
    return member;
  }

  private list(stream: SharedStream, key: string | null): void {
    stream.key = key;
    // Two streams may come to stand at the same cursor: new subscribers join the one listed first.
    if (key !== null && !this.joinable.has(key)) this.joinable.set(key, stream);
  }

  private unlist(stream: SharedStream): void {
    if (stream.key !== null && this.joinable.get(stream.key) === stream) this.joinable.delete(stream.key);
    stream.key = null;
  }
}
