import type { ExecutionResult } from 'graphql';
import type { EventQueue } from '@yrd/service';
import { STREAM_HISTORY_EVENTS, SharedStreams } from './SharedStreams';

const context = { forward: {} };
const event = (n: number): ExecutionResult => ({ data: { n } });
const at = (n: number) => `op\n${n}`;

/** What a subscriber's queue holds now, without waiting for more. */
async function drained(queue: EventQueue<ExecutionResult>): Promise<number[]> {
  const seen: number[] = [];
  for (;;) {
    const next = await Promise.race([queue.next(), new Promise<null>((r) => setImmediate(() => r(null)))]);
    if (!next || next.done) return seen;
    seen.push((next.value.data as { n: number }).n);
  }
}

describe('shared streams', () => {
  it('joins a subscriber where a stream stands, or where it stood lately with the events since; never otherwise', async () => {
    const streams = new SharedStreams();
    const { stream, queue: first } = streams.create(at(0), context);
    for (let n = 1; n <= 3; n++) expect(streams.deliver(stream, event(n), at(n))).toBe(true);
    const fromHead = streams.join(at(3), context);
    const fromOne = streams.join(at(1), context);
    const fromStart = streams.join(at(0), context);
    expect(streams.join(at(9), context)).toBeNull();
    expect(streams.join('other\n1', context)).toBeNull();
    streams.deliver(stream, event(4), at(4));
    expect(await drained(first)).toEqual([1, 2, 3, 4]);
    expect(await drained(fromHead as EventQueue<ExecutionResult>)).toEqual([4]);
    expect(await drained(fromOne as EventQueue<ExecutionResult>)).toEqual([2, 3, 4]);
    expect(await drained(fromStart as EventQueue<ExecutionResult>)).toEqual([1, 2, 3, 4]);
    expect(streams.openSubscriptions).toBe(4);
  });

  it('moves the subscribers of a stream behind onto the one ahead once it reaches a place that one passed, each event once', async () => {
    const streams = new SharedStreams();
    const ahead = streams.create(at(0), context);
    for (let n = 1; n <= 5; n++) streams.deliver(ahead.stream, event(n), at(n));
    // Resuming from a place the history does not hold (as after a restart): a stream of its own, which replays.
    const behind = streams.create('op\nolder', context);
    let closed = 0;
    behind.stream.close = async () => { closed++; };
    expect(streams.deliver(behind.stream, event(1), at(1))).toBe(false);
    expect(behind.stream.members.size).toBe(0);
    streams.deliver(ahead.stream, event(6), at(6));
    expect(await drained(behind.queue)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ahead.stream.members.size).toBe(2);
    expect(closed).toBe(0);
  });

  it('keeps a bounded history, and forgets it when the stream ends', async () => {
    const streams = new SharedStreams();
    const { stream, queue } = streams.create(at(0), context);
    const total = STREAM_HISTORY_EVENTS + 10;
    for (let n = 1; n <= total; n++) streams.deliver(stream, event(n), at(n));
    expect(stream.history.length).toBe(STREAM_HISTORY_EVENTS);
    expect(streams.join(at(10), context)).toBeNull();
    const oldestKept = streams.join(at(11), context) as EventQueue<ExecutionResult>;
    expect((await drained(oldestKept)).length).toBe(total - 11);
    await drained(queue);
    streams.end(stream);
    expect(stream.history.length).toBe(0);
    expect(streams.join(at(total - 1), context)).toBeNull();
  });
});
