import { createClient as createSseClient } from 'graphql-sse';
import { analyst, officeOf, startStack, webSocketClient, type TestStack } from '../harness';

const LEAKS = /SQLITE_|\bER_[A-Z_]{3,}|no such table|QueryFailedError|sqlMessage|doesn't exist|\bat \S+ \(|\.js:\d+|127\.0\.0\.1|localhost:/;

/**
 * What a caller sees when a province's database fails under it (issue 15): a masked error at the failed field, with no
 * SQL, driver message, stack or address, while the rest of the answer and the other provinces stand; a write that
 * fails writes nothing.
 */
describe('a database failing under a resolver', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
    // Zhejiang loses its terminal table (a botched migration, a disk error): every read and write of terminals fails.
    await stack.provinces.ZHEJIANG.database.dataSource.query('DROP TABLE terminal_step');
  });
  afterAll(() => stack.stop());

  it('masks the failure at its own field, and answers the rest', async () => {
    const res = await stack.gql('{ zhejiang { province terminals(first: 5) { nodes { id steps { stage } } } } shanghai { province } }');
    expect(JSON.stringify(res)).not.toMatch(LEAKS);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['INTERNAL_SERVER_ERROR']));
    expect(res.errors?.every((e) => e.message === 'Internal server error')).toBe(true);
    expect((res.data as { shanghai: unknown }).shanghai).toEqual({ province: 'SHANGHAI' });
  });

  it('masks it alike over WebSocket and Server-Sent Events, and the log holds the cause', async () => {
    const query = '{ zhejiang { province terminals(first: 5) { nodes { id steps { stage } } } } shanghai { province } }';
    const logged: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      const overWebSocket = webSocketClient(stack.gatewayUrl, analyst);
      const overSse = createSseClient({ url: stack.gatewayUrl.replace(/\/graphql$/, '/graphql/stream'), headers: analyst, retryAttempts: 0 });
      const once = (client: { subscribe: typeof overWebSocket.subscribe }) => new Promise<unknown>((resolve, reject) => {
        client.subscribe({ query }, { next: resolve, error: reject, complete: () => undefined });
      });
      try {
        for (const answer of [await once(overWebSocket), await once(overSse)]) {
          const res = answer as { data?: { shanghai?: unknown }; errors?: { message: string; extensions?: { code?: string } }[] };
          expect(JSON.stringify(res)).not.toMatch(LEAKS);
          expect(res.errors?.map((e) => [e.message, e.extensions?.code])).toContainEqual(['Internal server error', 'INTERNAL_SERVER_ERROR']);
          expect(res.data?.shanghai).toEqual({ province: 'SHANGHAI' });
        }
      } finally {
        await overWebSocket.dispose();
        overSse.dispose();
      }
    } finally {
      process.stdout.write = write;
    }
    // The operator sees what the caller does not: the database's own words, in Zhejiang's log.
    expect(logged.some((line) => /masked error/.test(line) && /terminal_step/.test(line))).toBe(true);
  });

  it('fails a write whole, with the same masked error, and leaves the province answering', async () => {
    const res = await stack.gql(`mutation { zhejiang { registerTerminal(input: { portCode: "CNBLG", nameZh: "测试码头", nameEn: "Test terminal",
      operator: "Ningbo Port", cargoClasses: [CONTAINER], berths: 1, designCapacity: 1000, capacityUnit: TEU_PER_YEAR, preparationOn: "2025-01-01" }) {
      terminal { id } } } }`, {}, officeOf('ZHEJIANG'));
    expect(JSON.stringify(res)).not.toMatch(LEAKS);
    expect(res.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    // The transaction rolled back: no terminal row without its first step, and no change event.
    const rows = await stack.provinces.ZHEJIANG.database.dataSource.query("SELECT COUNT(*) AS n FROM terminal WHERE name = 'Test terminal'") as { n: number | string }[];
    expect(Number(rows[0].n)).toBe(0);
    const events = await stack.provinces.ZHEJIANG.database.dataSource.query("SELECT COUNT(*) AS n FROM change_event WHERE entity = 'Terminal'") as { n: number | string }[];
    expect(Number(events[0].n)).toBe(0);
    const ports = await stack.gql('{ zhejiang { ports(first: 1) { totalCount } } }');
    expect(ports.errors).toBeUndefined();
  });
});
