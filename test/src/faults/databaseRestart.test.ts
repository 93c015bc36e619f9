import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasMariadbServer, outboxPositions, startPrivateMariadb, startStack, type PrivateMariadb, type TestStack } from '../harness';
import { phase, startFaultLoad } from './faultLoad';

/**
 * Zhejiang's database server crashes (kill -9) and comes back under a steady load through the gateway. Zhejiang runs
 * on a MariaDB server of this test's own, so the crash touches nothing else; the other provinces must answer
 * throughout, Zhejiang must answer again within 5 s of its database returning, and no change may be lost or repeated.
 * Runs on the MariaDB pass (DATABASE_URL set): the embedded SQLite default has no database server to restart.
 */
const run = process.env.DATABASE_URL && (hasMariadbServer() || process.env.CI) ? describe : describe.skip;

const PREFIX = 'yrd_fault_';

/** The positions Zhejiang's outbox holds: a transaction in flight when its server died took an id it never used. */
function zhejiangOutbox(databaseUrl: string, from: number, to: number): Promise<number[]> {
  const url = new URL(databaseUrl);
  return outboxPositions({ type: 'mariadb', host: url.hostname, port: Number(url.port), username: 'root', database: `${PREFIX}zhejiang` }, from, to);
}

run('a province database restart under load', () => {
  let server: PrivateMariadb;
  let stack: TestStack;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yrd-fault-'));
    server = await startPrivateMariadb();
    stack = await startStack({
      // 2 s: at 1 s a CI run (other suites on the same two cores) once failed 1 of 862 reads of the other provinces.
      processes: ['ZHEJIANG'], provinceTimeoutMs: 2000,
      processDatabase: { dataDir, databaseUrl: server.databaseUrl, databasePrefix: PREFIX },
      gateway: { limits: { rate: null }, subgraphPolicy: { timeoutMs: 2000, halfOpenAfterMs: 500 } },
    });
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the other provinces answering, recovers within 5 s of the database, and loses no event', async () => {
    const load = await startFaultLoad(stack);
    await phase(1000);
    const crashedAt = Date.now();
    await server.crash();
    await phase(3000);
    await server.start();
    const backAt = Date.now();
    await phase(5000);
    await load.stop();

    const figures = {
      ...load.expectOthersUnaffected(crashedAt, 30),
      recoveryAfterDatabaseMs: load.recoveryMs(backAt),
      databaseDownMs: backAt - crashedAt,
    };
    console.log(`database restart figures: ${JSON.stringify(figures)}`);
    expect(figures.recoveryAfterDatabaseMs).toBeLessThan(5000);
    const events = await load.expectEveryChangeOnce({ ZHEJIANG: (from, to) => zhejiangOutbox(server.databaseUrl, from, to) });
    console.log(`events delivered: ${events.delivered} (${events.confirmed} writes confirmed to the client; ${events.positions - events.delivered} outbox ids lost with the crash)`);
  }, 90_000);
});
