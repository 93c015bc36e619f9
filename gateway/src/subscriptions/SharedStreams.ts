import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@yrd/domain';
import { EventQueue } from '@yrd/service';
import type { GatewayContext } from '../subgraphs/GatewayContext';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** One subscriber of a stream: its own queue (and so its own backpressure) and its own token. */
interface Member {
  readonly queue: EventQueue<ExecutionResult>;
  readonly context: GatewayContext;
  /** The stream it receives from now (it moves when its stream catches up with another). */
  stream: SharedStream;
}

/** The events of one upstream subscription, for every subscriber on it. */
export interface SharedStream {
  readonly members: Set<Member>;
  /** Where it may be joined: its operation, variables and the cursor it stands at; null while it may not. */
  key: string | null;
  /** Ends the upstream subscription (once the last subscriber has left). */
  close(): Promise<unknown>;
}

/**
 * Identical subscriptions on one stream: one upstream subscription and one run of the plan per event, whatever the
 * number of subscribers (the events are the same for everyone: every authenticated caller may read every record).
 * A subscriber joins only a stream that stands exactly at the cursor it starts after, so it receives every event
 * after that cursor, once; one that starts elsewhere gets a stream of its own, whose subscribers move to the other
 * once it stands where that one does. Each subscriber keeps its own queue, token expiry and backpressure.
 */
export class SharedStreams {
  private readonly joinable = new Map<string, SharedStream>();
  private open = 0;

  /** `delivered` counts each event handed to a subscriber. */
  constructor(private readonly delivered?: () => void) {}

  /** Subscriptions open now (subscribers, not streams). */
  get openSubscriptions(): number {
    return this.open;
  }

  /** The queue of a subscriber on the stream that stands at `key`, or null when none does. */
  join(key: string | null, context: GatewayContext): EventQueue<ExecutionResult> | null {
    const stream = key === null ? undefined : this.joinable.get(key);
    return stream ? this.member(context, stream).queue : null;
  }

  /** A new stream, joinable at `key`, with its first subscriber; the caller feeds it (deliver, end) and sets close. */
  create(key: string | null, context: GatewayContext): { stream: SharedStream; queue: EventQueue<ExecutionResult>; current(): GatewayContext } {
    const stream: SharedStream = { members: new Set(), key: null, close: async () => undefined };
    const { queue } = this.member(context, stream);
    this.list(stream, key);
    // A subscriber there now, whose token the stream's fetches and reconnections use (the first may have left).
    const current = () => stream.members.values().next().value?.context ?? context;
    return { stream, queue, current };
  }

  /**
   * Hands `result` to every subscriber; the stream then stands at `key`. Where another stream stands there already,
   * the subscribers go on with that one, and false says this one is to end.
   */
  deliver(stream: SharedStream, result: ExecutionResult, key: string | null): boolean {
    for (const { queue } of stream.members) {
      queue.push(result);
      this.delivered?.();
    }
    this.unlist(stream);
    const ahead = key === null ? undefined : this.joinable.get(key);
    if (ahead && stream.members.size) {
      for (const member of stream.members) {
        member.stream = ahead;
        ahead.members.add(member);
      }
      stream.members.clear();
      return false;
    }
    if (stream.members.size) this.list(stream, key);
    return true;
  }

  /** No more events: each subscriber still on the stream gets its end, or `failure`. */
  end(stream: SharedStream, failure?: GraphQLError): void {
    this.unlist(stream);
    for (const { queue } of [...stream.members]) queue.end(failure);
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
