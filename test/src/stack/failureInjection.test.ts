import { officeOf, startStack, type TestStack } from '../harness';

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
