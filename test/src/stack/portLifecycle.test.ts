import { analyst, officeOf, partner, snapshot, startStack, subscribe, type GqlResponse, type Subscriber, type TestStack } from '../harness';

const ZJ = officeOf('ZHEJIANG');
const SH = officeOf('SHANGHAI');
type Terminal = { id: string; stage: string; version: number; nameZh: string | null; nameEn: string; retiredOn: string | null;
  steps: { stage: string; on: string }[] };
const TERMINAL = 'id stage version nameZh nameEn retiredOn steps { stage on }';

/**
 * A new port area and a new terminal on it, through the gateway with office tokens, as the 2006 plan's terminals went:
 * registered, application filed, acceptance inspection, start of use (启用), opened; then retired, and the port area
 * with it. Every step is in the audit trail and reached a partner system as an event.
 */
describe('a port and a terminal through their life', () => {
  let stack: TestStack;
  let events: Subscriber;
  const ok = (res: GqlResponse) => {
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, Record<string, Record<string, unknown>>>;
  };
  const zhejiang = (mutation: string, variables: Record<string, unknown> = {}, headers = ZJ) => {
    const declared = ['$v: Int!', '$input: RegisterTerminalInput!', '$port: RegisterPortInput!'].filter((d) => mutation.includes(d.split(':')[0]));
    return stack.gql(`mutation ${declared.length ? `(${declared.join(', ')})` : ''} { zhejiang { ${mutation} } }`, variables, headers);
  };
  const terminal = async (id: string) => {
    const data = ok(await stack.gql(`{ zhejiang { terminals(filter: { includeRetired: true }, first: 100) { nodes { ${TERMINAL} } } } }`));
    return (data.zhejiang.terminals as unknown as { nodes: Terminal[] }).nodes.find((t) => t.id === id)!;
  };

  beforeAll(async () => {
    stack = await startStack();
    const cursor = ok(await stack.gql('{ changeCursor }')).changeCursor as unknown as string;
    events = subscribe(stack.gatewayUrl, 'subscription ($after: String) { changes(provinces: [ZHEJIANG], entities: [PORT, TERMINAL], after: $after) { id recordId kind } }',
      { after: cursor }, { headers: partner });
  });
  afterAll(async () => {
    await events.close();
    await stack.stop();
  });

  it('registers a port area from the directory and a terminal on it, and walks the terminal to its opening', async () => {
    ok(await zhejiang('registerPort(input: $port) { port { code province nameEn parentCode openingStatus version } changeCursor }', {
      port: { code: 'CNCHS', kind: 'SEAPORT', nameZh: '宁波舟山港穿山港区', nameEn: 'Chuanshan port area', city: 'Ningbo', parentCode: 'CNNBO', customsDistrict: '3100 Ningbo' },
    }));
    const registered = ok(await zhejiang('registerTerminal(input: $input) { terminal { id stage nameZh nameEn port { code } steps { stage on } } }', {
      input: { id: 'CNCHS-1', portCode: 'CNCHS', nameZh: '穿山港区1号集装箱码头', nameEn: 'Chuanshan container terminal 1', operator: 'Ningbo Port Co.',
        cargoClasses: ['CONTAINER'], berths: 3, designCapacity: 1_500_000, capacityUnit: 'TEU_PER_YEAR', preparationOn: '2026-01-10' },
    }));
    expect(registered.zhejiang.registerTerminal.terminal).toEqual({ id: 'CNCHS-1', stage: 'PREPARATION', nameZh: '穿山港区1号集装箱码头',
      nameEn: 'Chuanshan container terminal 1', port: { code: 'CNCHS' }, steps: [{ stage: 'PREPARATION', on: '2026-01-10' }] });
    const walk = [['APPLICATION_FILED', '2026-02-01'], ['ACCEPTANCE_INSPECTION', '2026-05-10'], ['START_OF_USE', '2026-06-01'], ['OPENED', '2026-09-01']];
    for (const [v, [stage, on]] of walk.entries()) {
      ok(await zhejiang(`advanceTerminalOpening(terminalId: "CNCHS-1", stage: ${stage}, on: "${on}", expectedVersion: $v) { terminal { stage } }`, { v: v + 1 }));
    }
    ok(await zhejiang('updateTerminal(id: "CNCHS-1", input: { berths: 4, cargoClasses: [CONTAINER, GENERAL] }, expectedVersion: $v) { terminal { version } }', { v: 5 }));
    expect(await terminal('CNCHS-1')).toEqual(expect.objectContaining({
      stage: 'OPENED', version: 6, retiredOn: null,
      steps: [['PREPARATION', '2026-01-10'], ...walk].map(([stage, on]) => ({ stage, on })),
    }));
    const port = ok(await stack.gql('{ port(code: "CNCHS") { code province nameEn ... on ZhejiangPort { parentCode terminals { totalCount nodes { id } } } } }'));
    expect(port.port).toEqual({ code: 'CNCHS', province: 'ZHEJIANG', nameEn: 'Chuanshan port area', parentCode: 'CNNBO', terminals: { totalCount: 1, nodes: [{ id: 'CNCHS-1' }] } });
  });

  it('refuses every invalid step with BAD_USER_INPUT and writes nothing', async () => {
    const invalid: [string, Record<string, unknown>, string][] = [
      ['registerPort(input: $port) { changeCursor }', { port: { code: 'CNCHS', kind: 'SEAPORT', nameZh: '重复', nameEn: 'Again', city: 'Ningbo' } }, 'input.code'],
      ['registerPort(input: $port) { changeCursor }', { port: { code: 'CNTAC', kind: 'SEAPORT', nameZh: '太仓', nameEn: 'Taicang', city: 'Taicang' } }, 'input.code'],
      ['registerPort(input: $port) { changeCursor }', { port: { code: 'SGSIN', kind: 'SEAPORT', nameZh: '新加坡', nameEn: 'Singapore', city: 'Singapore' } }, 'input.code'],
      ['registerPort(input: $port) { changeCursor }', { port: { code: 'CNCIX', kind: 'SEAPORT', nameZh: '慈溪', nameEn: 'Cixi', city: 'Cixi', parentCode: 'CNSGH' } }, 'input.parentCode'],
      ['registerTerminal(input: $input) { changeCursor }', { input: { portCode: 'CNSGH', nameZh: '码头', nameEn: 'T', operator: 'X', cargoClasses: ['COAL'], berths: 1, designCapacity: 1, capacityUnit: 'TONNES_PER_YEAR', preparationOn: '2026-01-01' } }, 'input.portCode'],
      ['registerTerminal(input: $input) { changeCursor }', { input: { id: 'CNCHS-1', portCode: 'CNCHS', nameZh: '码头', nameEn: 'T', operator: 'X', cargoClasses: ['COAL'], berths: 1, designCapacity: 1, capacityUnit: 'TONNES_PER_YEAR', preparationOn: '2026-01-01' } }, 'input.id'],
      ['registerTerminal(input: $input) { changeCursor }', { input: { id: 'CNYSA-PH1', portCode: 'CNCHS', nameZh: '码头', nameEn: 'T', operator: 'X', cargoClasses: ['COAL'], berths: 1, designCapacity: 1, capacityUnit: 'TONNES_PER_YEAR', preparationOn: '2026-01-01' } }, 'input.id'],
      ['advanceTerminalOpening(terminalId: "CNCHS-1", stage: APPLICATION_FILED, on: "2026-10-01", expectedVersion: $v) { changeCursor }', { v: 6 }, 'stage'],
      ['retirePort(code: "CNCHS", on: "2026-12-01", reason: "Merged", expectedVersion: $v) { changeCursor }', { v: 1 }, 'code'],
      ['retirePort(code: "CNNBO", on: "2026-12-01", reason: "No", expectedVersion: $v) { changeCursor }', { v: 1 }, 'code'],
    ];
    for (const [mutation, variables, field] of invalid) {
      const before = await snapshot(stack.provinces.ZHEJIANG.database);
      const res = await zhejiang(mutation, variables);
      expect([mutation, res.errors?.[0].extensions]).toEqual([mutation, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      expect(await snapshot(stack.provinces.ZHEJIANG.database)).toEqual(before);
    }
  });

  it('lets no other province or role register, change or retire Zhejiang\'s ports and terminals', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['registerPort(input: $port) { changeCursor }', { port: { code: 'CNCIX', kind: 'SEAPORT', nameZh: '慈溪', nameEn: 'Cixi', city: 'Cixi' } }],
      ['registerTerminal(input: $input) { changeCursor }', { input: { portCode: 'CNCHS', nameZh: '码头', nameEn: 'T', operator: 'X', cargoClasses: ['COAL'], berths: 1, designCapacity: 1, capacityUnit: 'TONNES_PER_YEAR', preparationOn: '2026-01-01' } }],
      ['updateTerminal(id: "CNCHS-1", input: { berths: 9 }, expectedVersion: $v) { changeCursor }', { v: 6 }],
      ['retireTerminal(id: "CNCHS-1", on: "2026-12-01", reason: "x", expectedVersion: $v) { changeCursor }', { v: 6 }],
      ['retirePort(code: "CNCHS", on: "2026-12-01", reason: "x", expectedVersion: $v) { changeCursor }', { v: 1 }],
    ];
    for (const headers of [SH, officeOf('JIANGSU'), partner, analyst]) {
      for (const [mutation, variables] of attempts) {
        const before = await snapshot(stack.provinces.ZHEJIANG.database);
        const res = await zhejiang(mutation, variables, headers);
        expect([mutation, res.errors?.[0].extensions?.code]).toEqual([mutation, 'FORBIDDEN']);
        expect(await snapshot(stack.provinces.ZHEJIANG.database)).toEqual(before);
      }
    }
  });

  it('retires the terminal, then the port area: both stay readable and leave the lists unless asked for', async () => {
    ok(await zhejiang('retireTerminal(id: "CNCHS-1", on: "2026-11-30", reason: "Replaced by berths 2 to 4", expectedVersion: $v) { terminal { retiredOn retiredReason } }', { v: 6 }));
    const refused = await zhejiang('advanceTerminalOpening(terminalId: "CNCHS-1", stage: OPENED, on: "2026-12-01", expectedVersion: $v) { changeCursor }', { v: 7 });
    expect(refused.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'terminalId' }));
    ok(await zhejiang('retirePort(code: "CNCHS", on: "2026-12-01", reason: "Merged into Beilun", expectedVersion: $v) { port { retiredOn retiredReason } }', { v: 1 }));
    const lists = ok(await stack.gql(`{
      inService: ports(filter: { provinces: [ZHEJIANG] }, first: 100) { nodes { code } }
      all: ports(filter: { provinces: [ZHEJIANG], includeRetired: true }, first: 100) { nodes { code } }
      port(code: "CNCHS") { code ... on ZhejiangPort { retiredOn retiredReason terminals { totalCount } retired: terminals(includeRetired: true) { totalCount } } }
      zhejiang { terminals(first: 100) { nodes { id } } } }`));
    const codes = (key: string) => (lists[key] as unknown as { nodes: { code: string }[] }).nodes.map((p) => p.code);
    expect(codes('inService')).not.toContain('CNCHS');
    expect(codes('all')).toContain('CNCHS');
    expect(lists.port).toEqual({ code: 'CNCHS', retiredOn: '2026-12-01', retiredReason: 'Merged into Beilun', terminals: { totalCount: 0 }, retired: { totalCount: 1 } });
    expect((lists.zhejiang.terminals as unknown as { nodes: { id: string }[] }).nodes.map((t) => t.id)).not.toContain('CNCHS-1');
  });

  it('keeps every step in the audit trail with its old and new values, each delivered to a partner as an event', async () => {
    const data = ok(await stack.gql('{ auditTrail(first: 100, filter: { recordIds: ["CNCHS", "CNCHS-1"] }) { nodes { id recordId kind actor changes { field oldValue newValue } } } }'));
    type Entry = { id: string; recordId: string; kind: string; actor: string; changes: { field: string; oldValue: string | null; newValue: string | null }[] };
    const steps = [...(data.auditTrail as unknown as { nodes: Entry[] }).nodes].reverse();
    expect(steps.map((s) => [s.recordId, s.kind, s.actor])).toEqual([
      ['CNCHS', 'CREATED', 'clerk@zhejiang'], ['CNCHS-1', 'CREATED', 'clerk@zhejiang'],
      ...[1, 2, 3, 4, 5, 6].map(() => ['CNCHS-1', 'UPDATED', 'clerk@zhejiang']), ['CNCHS', 'UPDATED', 'clerk@zhejiang'],
    ]);
    expect(steps.slice(2, 6).map((s) => s.changes[0])).toEqual([
      { field: 'stage', oldValue: 'PREPARATION', newValue: 'APPLICATION_FILED' },
      { field: 'stage', oldValue: 'APPLICATION_FILED', newValue: 'ACCEPTANCE_INSPECTION' },
      { field: 'stage', oldValue: 'ACCEPTANCE_INSPECTION', newValue: 'START_OF_USE' },
      { field: 'stage', oldValue: 'START_OF_USE', newValue: 'OPENED' },
    ]);
    expect(steps[6].changes).toEqual([{ field: 'berths', oldValue: '3', newValue: '4' },
      { field: 'cargoClasses', oldValue: '["CONTAINER"]', newValue: '["CONTAINER","GENERAL"]' }]);
    expect(steps[7].changes).toEqual([{ field: 'retiredOn', oldValue: null, newValue: '2026-11-30' },
      { field: 'retiredReason', oldValue: null, newValue: 'Replaced by berths 2 to 4' }]);
    const delivered = await events.waitFor(steps.length);
    expect(delivered.map((e) => (e.data?.changes as { id: string }).id)).toEqual(steps.map((s) => s.id));
  });
});
