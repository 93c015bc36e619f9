import type { FeedEvent } from '@yrd/domain';
import { ChangeFeed, databaseConfigFor, openDatabase, type Database } from '@yrd/province';
import { officeOf, startTestProvince, type TestProvince } from '../harness';

const RECORD = `mutation ($input: CapacityRecordInput!) { zhejiang { recordClearanceCapacity(input: $input) { capacityRecord { id } changeCursor } } }`;
let month = 0;
const record = (zj: TestProvince) => {
  month++;
  return zj.gql(RECORD, {
    input: { portCode: 'CNNBO', agency: 'MARITIME', period: `2050-${String(month).padStart(2, '0')}`, clearance24x7: true },
  }, officeOf('ZHEJIANG'));
};

/** Takes `count` events from `events`, failing after `timeoutMs`. */
async function take(events: AsyncIterableIterator<FeedEvent>, count: number, timeoutMs = 5000): Promise<FeedEvent[]> {
  const taken: FeedEvent[] = [];
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${taken.length} of ${count} events`)), timeoutMs).unref());
  while (taken.length < count) {
    const next = await Promise.race([events.next(), deadline]);
    if (next.done) throw new Error('the feed ended');
    taken.push(next.value);
  }
  return taken;
}

describe('a province change feed', () => {
  let zj: TestProvince;
  /** A second process's view of the same database: another replica of the province. */
  let replica: Database;
  let replicaFeed: ChangeFeed;

  beforeAll(async () => {
    zj = await startTestProvince('ZHEJIANG');
    replica = await openDatabase(databaseConfigFor('ZHEJIANG', {
      dataDir: zj.db.dataDir, databaseUrl: zj.db.databaseUrl, databasePrefix: zj.db.databasePrefix,
    }));
    replicaFeed = new ChangeFeed(replica.dataSource, { pollMs: 50, gapGraceMs: 300 });
    await replicaFeed.start();
  });
  afterAll(async () => {
    replicaFeed.stop();
    await replica.close();
    await zj.stop();
  });

  it('replays from a position, then delivers each commit at once', async () => {
    const feed = zj.subgraph.feed;
    const start = await feed.end();
    const written = await record(zj);
    expect(written.errors).toBeUndefined();
    const events = await feed.subscribe(start);
    const [replayed] = await take(events, 1);
    expect(replayed).toEqual(expect.objectContaining({ position: start + 1, entity: 'CapacityRecord', kind: 'CREATED', province: 'ZHEJIANG' }));
    // The write's change cursor stands just after its own event in the feed.
    const { changeCursor } = (written.data?.zhejiang as { recordClearanceCapacity: { changeCursor: string } }).recordClearanceCapacity;
    expect(JSON.parse(Buffer.from(changeCursor, 'base64url').toString('utf8'))).toEqual({ ZHEJIANG: replayed.position });
    expect((await record(zj)).errors).toBeUndefined();
    const [live] = await take(events, 1, 1000);
    expect(live.position).toBe(start + 2);
    await events.return?.();
    expect(feed.openSubscriptions).toBe(0);
  });

  it('picks up writes by another replica with its poll', async () => {
    const before = await replicaFeed.end();
    const events = await replicaFeed.subscribe(before);
    expect((await record(zj)).errors).toBeUndefined();
    const [event] = await take(events, 1, 2000);
    expect(event.position).toBe(before + 1);
    await events.return?.();
  });

  describe('positions committed out of order', () => {
    const insert = (id: number) => replica.dataSource.query(
      'INSERT INTO change_event (id, province, entity, entity_id, kind, at, actor, changed_fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [id, 'ZHEJIANG', 'Port', 'CNNBO', 'UPDATED', new Date().toISOString(), 'test', '["nameEn"]'],
    );

    it('holds back a later position until the earlier one commits, then delivers both in order', async () => {
      const head = await replicaFeed.end();
      const events = await replicaFeed.subscribe(head);
      await insert(head + 2);
      const first = events.next();
      const early = await Promise.race([first.then(() => 'delivered'), new Promise((r) => setTimeout(() => r('held'), 150))]);
      expect(early).toBe('held');
      await insert(head + 1);
      expect((await first).value?.position).toBe(head + 1);
      const [second] = await take(events, 1, 2000);
      expect(second.position).toBe(head + 2);
      await events.return?.();
    });

    it('skips a position that never commits (a rolled-back transaction) after the grace period', async () => {
      const head = await replicaFeed.end();
      const events = await replicaFeed.subscribe(head);
      await insert(head + 2);
      const [event] = await take(events, 1, 3000);
      expect(event.position).toBe(head + 2);
      await events.return?.();
    });
  });

  it('refuses a position past the end of the feed', async () => {
    await expect(zj.subgraph.feed.subscribe(await zj.subgraph.feed.end() + 1000)).rejects.toThrow(/past the end/);
  });
});
