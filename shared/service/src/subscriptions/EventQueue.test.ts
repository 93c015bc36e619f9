import { EventQueue } from './EventQueue';

describe('EventQueue', () => {
  const event = (n: number, bytes = 1000) => ({ data: { n, padding: 'x'.repeat(bytes) } });

  it('hands events over in order, and counts only those waiting', async () => {
    const queue = new EventQueue<ReturnType<typeof event>>();
    queue.push(event(1));
    queue.push(event(2));
    expect(queue.queuedBytes).toBeGreaterThan(2000);
    expect((await queue.next()).value?.data.n).toBe(1);
    expect((await queue.next()).value?.data.n).toBe(2);
    expect(queue.queuedBytes).toBe(0);
  });

  it('ends a subscriber more than maxBytes behind with SUBSCRIBER_TOO_SLOW, holding no more than that', async () => {
    let closed = false;
    const queue = new EventQueue<ReturnType<typeof event>>(() => { closed = true; }, 10_000, 10_000);
    for (let n = 1; n <= 9; n++) queue.push(event(n));
    expect(queue.isEnded).toBe(false);
    queue.push(event(10));
    queue.push(event(11));
    expect(queue.isEnded).toBe(true);
    expect(queue.queuedBytes).toBe(0);
    await expect(queue.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    expect(closed).toBe(true);
  });

  it('ends a subscriber more than `limit` events behind, however small they are', async () => {
    const queue = new EventQueue<ReturnType<typeof event>>(undefined, 5);
    for (let n = 1; n <= 6; n++) queue.push(event(n, 1));
    await expect(queue.next()).rejects.toThrow(/more than 5 events behind/);
  });
});
