import { PortRow, TerminalRow, constraintError } from '@yrd/province';
import { changeEvents, lastEventId, officeOf, partner, snapshot, startTestProvince, type GqlResponse, type TestProvince } from '../harness';

const ZJ = officeOf('ZHEJIANG');

const UPDATE_PORT = `mutation ($code: ID!, $input: PortUpdateInput!, $v: Int!, $key: String) {
  zhejiang { updatePort(code: $code, input: $input, expectedVersion: $v, idempotencyKey: $key) { port { code nameEn clearance24x7 version } changeCursor } }
}`;
const RECORD_CAPACITY = `mutation ($input: CapacityRecordInput!, $v: Int, $key: String) {
  zhejiang { recordClearanceCapacity(input: $input, expectedVersion: $v, idempotencyKey: $key) {
    capacityRecord { id period importClearanceHours version port { code importClearanceHours } } changeCursor
  } }
}`;
const UPSERT_ROUTE = `mutation ($input: RouteInput!, $v: Int, $key: String) {
  zhejiang { upsertRoute(input: $input, expectedVersion: $v, idempotencyKey: $key) { route { id status version destination { __typename code } } changeCursor } }
}`;
const ADVANCE = `mutation ($id: ID!, $stage: TerminalStage!, $on: Date!, $v: Int!) {
  zhejiang { advanceTerminalOpening(terminalId: $id, stage: $stage, on: $on, expectedVersion: $v) { terminal { id stage version steps { stage on } } changeCursor } }
}`;
const PROPOSE = `mutation ($input: InitiativeInput!, $key: String) {
  zhejiang { proposeInitiative(input: $input, idempotencyKey: $key) {
    initiative { id status lead partners version milestones { seq due overdue } commitments { __typename id } pendingPartners } changeCursor
  } }
}`;
const COMPLETE = `mutation ($id: ID!, $seq: Int!, $on: Date!, $v: Int!) {
  zhejiang { completeMilestone(initiativeId: $id, seq: $seq, doneOn: $on, expectedVersion: $v) { initiative { id status version milestones { seq doneOn } } changeCursor } }
}`;
const COMMIT = `mutation ($input: CommitmentInput!, $v: Int) {
  zhejiang { commitToInitiative(input: $input, expectedVersion: $v) { commitment { id status version initiative { __typename id } } changeCursor } }
}`;

const route = (over: Record<string, unknown> = {}) => ({
  mode: 'SEA', carrier: 'COSCO Shipping Lines', originPortCode: 'CNNBO', destinationPortCode: 'SGSIN', weeklyFrequency: 3,
  status: 'OPERATING', openedOn: '2025-01-15', ...over,
});
const capacity = (over: Record<string, unknown> = {}) => ({
  portCode: 'CNNBO', agency: 'CUSTOMS', period: '2025-01', throughputTeu: 3_400_000, importClearanceHours: 30.5,
  exportClearanceHours: 1.1, clearance24x7: true, ...over,
});
const initiative = (over: Record<string, unknown> = {}) => ({
  title: 'Joint inspection of dangerous goods', category: 'INSPECTION', partners: ['SHANGHAI', 'JIANGSU'],
  startOn: '2025-02-01', milestones: [{ title: 'Plan', due: '2025-03-31', responsibleUnit: 'Ningbo Customs' }], ...over,
});

const encodeCursor = (positions: Record<string, number>) => Buffer.from(JSON.stringify(positions)).toString('base64url');
/** The regional cursor a write's payload answers, decoded: base64url JSON of each province's outbox position. */
const cursorOf = (res: GqlResponse, mutation: string): unknown => JSON.parse(Buffer.from(
  (res.data?.zhejiang as Record<string, { changeCursor: string }>)[mutation].changeCursor, 'base64url').toString('utf8'));

describe('Zhejiang office writes', () => {
  let zj: TestProvince;
  let sh: TestProvince;
  let js: TestProvince;
  beforeAll(async () => {
    // Shanghai answers Zhejiang's question about its initiative before Zhejiang commits to it. The partners of an
    // initiative answer its lead which commitments they have made (Initiative.commitments and pendingPartners).
    const peers: Record<string, string> = {};
    sh = await startTestProvince('SHANGHAI', { peers: (p) => peers[p] });
    js = await startTestProvince('JIANGSU');
    zj = await startTestProvince('ZHEJIANG', { peers: (p) => peers[p] });
    Object.assign(peers, { SHANGHAI: sh.url, JIANGSU: js.url, ZHEJIANG: zj.url });
  });
  afterAll(async () => {
    await zj.stop();
    await js.stop();
    await sh.stop();
  });

  const portVersion = async (code: string) => {
    const res = await zj.gql('query ($c: ID!) { zhejiang { port(code: $c) { version } } }', { c: code });
    return (res.data?.zhejiang as { port: { version: number } }).port.version;
  };

  describe('each mutation writes its record and one change event in the same transaction', () => {
    it('updatePort', async () => {
      const before = await lastEventId(zj.database);
      const v = await portVersion('CNNBO');
      const res = await zj.gql(UPDATE_PORT, { code: 'CNNBO', input: { nameEn: 'Ningbo-Zhoushan Port (renamed)' }, v }, ZJ);
      expect(res.errors).toBeUndefined();
      expect(res.data?.zhejiang).toEqual({ updatePort: {
        port: expect.objectContaining({ nameEn: 'Ningbo-Zhoushan Port (renamed)', version: v + 1 }), changeCursor: expect.any(String),
      } });
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([expect.objectContaining({
        province: 'ZHEJIANG', entity: 'Port', entityId: 'CNNBO', kind: 'UPDATED', actor: 'clerk@zhejiang', fields: ['nameEn'],
      })]);
      expect(cursorOf(res, 'updatePort')).toEqual({ ZHEJIANG: events[0].id });
    });

    it('recordClearanceCapacity, keeping the port\'s latest clearance hours', async () => {
      const before = await lastEventId(zj.database);
      const res = await zj.gql(RECORD_CAPACITY, { input: capacity({ period: '2030-01', importClearanceHours: 12.25 }) }, ZJ);
      expect(res.errors).toBeUndefined();
      const record = (res.data?.zhejiang as { recordClearanceCapacity: { capacityRecord: Record<string, unknown> } }).recordClearanceCapacity.capacityRecord;
      expect(record).toEqual(expect.objectContaining({ id: 'CNNBO:CUSTOMS:2030-01', version: 1, port: { code: 'CNNBO', importClearanceHours: 12.25 } }));
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([expect.objectContaining({
        entity: 'CapacityRecord', entityId: 'CNNBO:CUSTOMS:2030-01', kind: 'CREATED',
      })]);
      expect(cursorOf(res, 'recordClearanceCapacity')).toEqual({ ZHEJIANG: events[0].id });
    });

    it('upsertRoute opens, changes and suspends a route', async () => {
      const before = await lastEventId(zj.database);
      const opened = await zj.gql(UPSERT_ROUTE, { input: route({ id: 'ZJ-TEST-R1', destinationPortCode: 'CNSGH' }) }, ZJ);
      expect(opened.errors).toBeUndefined();
      expect(opened.data?.zhejiang).toEqual({ upsertRoute: {
        route: { id: 'ZJ-TEST-R1', status: 'OPERATING', version: 1, destination: { __typename: 'ShanghaiPort', code: 'CNSGH' } },
        changeCursor: expect.any(String),
      } });
      const suspended = await zj.gql(UPSERT_ROUTE, { input: route({ id: 'ZJ-TEST-R1', destinationPortCode: 'CNSGH', status: 'SUSPENDED' }), v: 1 }, ZJ);
      expect(suspended.errors).toBeUndefined();
      expect(suspended.data?.zhejiang).toEqual({ upsertRoute: {
        route: expect.objectContaining({ id: 'ZJ-TEST-R1', status: 'SUSPENDED', version: 2 }), changeCursor: expect.any(String),
      } });
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([
        expect.objectContaining({ entity: 'Route', entityId: 'ZJ-TEST-R1', kind: 'CREATED' }),
        expect.objectContaining({ entity: 'Route', entityId: 'ZJ-TEST-R1', kind: 'UPDATED', fields: ['status'] }),
      ]);
      expect(cursorOf(opened, 'upsertRoute')).toEqual({ ZHEJIANG: events[0].id });
      expect(cursorOf(suspended, 'upsertRoute')).toEqual({ ZHEJIANG: events[1].id });
    });

    it('advanceTerminalOpening follows the opening workflow', async () => {
      const list = await zj.gql('{ zhejiang { terminals(filter: { stages: [PREPARATION] }) { nodes { id version steps { on } } } } }');
      expect(list.errors).toBeUndefined();
      const terminal = (list.data?.zhejiang as { terminals: { nodes: { id: string; version: number }[] } }).terminals.nodes[0];
      expect(terminal).toBeDefined();
      const before = await lastEventId(zj.database);
      const skipped = await zj.gql(ADVANCE, { id: terminal.id, stage: 'OPENED', on: '2030-01-01', v: terminal.version }, ZJ);
      expect(skipped.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'stage' }));
      const res = await zj.gql(ADVANCE, { id: terminal.id, stage: 'APPLICATION_FILED', on: '2030-01-01', v: terminal.version }, ZJ);
      expect(res.errors).toBeUndefined();
      expect(res.data?.zhejiang).toEqual({ advanceTerminalOpening: {
        terminal: expect.objectContaining({ id: terminal.id, stage: 'APPLICATION_FILED', version: terminal.version + 1 }),
        changeCursor: expect.any(String),
      } });
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([
        expect.objectContaining({ entity: 'Terminal', entityId: terminal.id, kind: 'UPDATED', fields: ['stage', 'steps'] }),
      ]);
      expect(cursorOf(res, 'advanceTerminalOpening')).toEqual({ ZHEJIANG: events[0].id });
    });

    it('proposeInitiative and completeMilestone', async () => {
      const before = await lastEventId(zj.database);
      const proposed = await zj.gql(PROPOSE, { input: initiative({ id: 'ZJ-TEST-I1' }) }, ZJ);
      expect(proposed.errors).toBeUndefined();
      // Neither partner has committed yet: both are pending, none has a commitment.
      expect(proposed.data?.zhejiang).toEqual({ proposeInitiative: {
        initiative: expect.objectContaining({
          id: 'ZJ-TEST-I1', status: 'PROPOSED', lead: 'ZHEJIANG', partners: ['SHANGHAI', 'JIANGSU'],
          commitments: [], pendingPartners: ['SHANGHAI', 'JIANGSU'],
        }),
        changeCursor: expect.any(String),
      } });
      const done = await zj.gql(COMPLETE, { id: 'ZJ-TEST-I1', seq: 1, on: '2025-03-30', v: 1 }, ZJ);
      expect(done.errors).toBeUndefined();
      expect(done.data?.zhejiang).toEqual({ completeMilestone: {
        initiative: expect.objectContaining({ status: 'COMPLETED', version: 2 }), changeCursor: expect.any(String),
      } });
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([
        expect.objectContaining({ entity: 'Initiative', entityId: 'ZJ-TEST-I1', kind: 'CREATED' }),
        expect.objectContaining({ entity: 'Initiative', entityId: 'ZJ-TEST-I1', kind: 'UPDATED', fields: ['milestones', 'status'] }),
      ]);
      expect(cursorOf(proposed, 'proposeInitiative')).toEqual({ ZHEJIANG: events[0].id });
      expect(cursorOf(done, 'completeMilestone')).toEqual({ ZHEJIANG: events[1].id });
    });

    it('commitToInitiative', async () => {
      // What Shanghai, the lead, says of its initiative's partners: Zhejiang pending before, committed after.
      const partnersOfLead = async () => {
        const answer = await sh.gql(`query ($r: [_Any!]!) { _entities(representations: $r) {
          ... on ShanghaiInitiative { commitments { __typename id } pendingPartners } } }`,
        { r: [{ __typename: 'ShanghaiInitiative', id: 'SH-TEST-JOINT' }] });
        expect(answer.errors).toBeUndefined();
        return (answer.data?._entities as { commitments: { id: string }[]; pendingPartners: string[] }[])[0];
      };
      // An initiative of Shanghai's naming Zhejiang, which the seed does not hold (every seeded partner has committed).
      const proposed = await sh.gql(`mutation ($input: InitiativeInput!) { shanghai { proposeInitiative(input: $input) { initiative { id } } } }`, {
        input: { id: 'SH-TEST-JOINT', title: 'Joint inspection slots', category: 'INSPECTION', partners: ['ZHEJIANG'], startOn: '2025-01-01',
          milestones: [{ title: 'Slots agreed', due: '2025-06-30', responsibleUnit: 'Shanghai Customs' }] },
      }, officeOf('SHANGHAI'));
      expect(proposed.errors).toBeUndefined();
      const pendingBefore = await partnersOfLead();
      expect(pendingBefore.pendingPartners).toContain('ZHEJIANG');
      expect(pendingBefore.commitments).not.toContainEqual(expect.objectContaining({ id: 'SHANGHAI:SH-TEST-JOINT:ZHEJIANG' }));
      const before = await lastEventId(zj.database);
      const res = await zj.gql(COMMIT, { input: {
        initiativeId: 'SH-TEST-JOINT', lead: 'SHANGHAI', summary: 'Ningbo customs joins', responsibleUnit: 'Ningbo Customs',
      } }, ZJ);
      expect(res.errors).toBeUndefined();
      expect(res.data?.zhejiang).toEqual({ commitToInitiative: {
        commitment: {
          id: 'SHANGHAI:SH-TEST-JOINT:ZHEJIANG', status: 'COMMITTED', version: 1, initiative: { __typename: 'ShanghaiInitiative', id: 'SH-TEST-JOINT' },
        },
        changeCursor: expect.any(String),
      } });
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([
        expect.objectContaining({ entity: 'Commitment', entityId: 'SHANGHAI:SH-TEST-JOINT:ZHEJIANG', kind: 'CREATED' }),
      ]);
      expect(cursorOf(res, 'commitToInitiative')).toEqual({ ZHEJIANG: events[0].id });
      const after = await partnersOfLead();
      expect(after.pendingPartners).not.toContain('ZHEJIANG');
      expect(after.commitments).toContainEqual({ __typename: 'ZhejiangCommitment', id: 'SHANGHAI:SH-TEST-JOINT:ZHEJIANG' });
    });
  });

  describe('conflicts', () => {
    it('maps the database\'s own constraint errors to CONFLICT and BAD_USER_INPUT, naming no table or SQL', async () => {
      const ds = zj.database.dataSource;
      const port = await ds.getRepository(PortRow).findOneByOrFail({ code: 'CNNBO' });
      const duplicate = await ds.getRepository(PortRow).insert({ ...port }).catch((e: unknown) => e);
      expect(constraintError(duplicate)?.extensions.code).toBe('CONFLICT');
      const terminal = await ds.getRepository(TerminalRow).findOneByOrFail({ portCode: 'CNBLG' });
      const dangling = await ds.getRepository(TerminalRow).insert({ ...terminal, id: 'DANGLING-T1', portCode: 'ZZZZZ' }).catch((e: unknown) => e);
      const mapped = constraintError(dangling);
      expect(mapped?.extensions.code).toBe('BAD_USER_INPUT');
      expect(mapped?.message).not.toMatch(/terminal|port_code|INSERT|FOREIGN/i);
    });

    it('refuses a stale expectedVersion with CONFLICT and writes nothing', async () => {
      const v = await portVersion('CNZOS');
      expect((await zj.gql(UPDATE_PORT, { code: 'CNZOS', input: { clearance24x7: true }, v }, ZJ)).errors).toBeUndefined();
      const before = await snapshot(zj.database);
      const stale = await zj.gql(UPDATE_PORT, { code: 'CNZOS', input: { nameEn: 'Overwritten' }, v }, ZJ);
      expect(stale.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'CONFLICT', currentVersion: v + 1 }));
      // The failed write answers null at its own path.
      expect(stale.errors?.[0].path).toEqual(['zhejiang', 'updatePort']);
      expect(stale.data).toEqual({ zhejiang: { updatePort: null } });
      expect(await snapshot(zj.database)).toEqual(before);
    });

    it('answers a refused write null at its own path, and the other writes of the operation still answer', async () => {
      const v = await portVersion('CNWNZ');
      const before = await lastEventId(zj.database);
      const res = await zj.gql(`mutation ($v: Int!, $stale: Int!) { zhejiang {
        stale: updatePort(code: "CNWNZ", input: { nameEn: "Overwritten" }, expectedVersion: $stale) { port { nameEn } changeCursor }
        fresh: updatePort(code: "CNWNZ", input: { clearance24x7: true }, expectedVersion: $v) { port { clearance24x7 version } changeCursor }
      } }`, { v, stale: v + 7 }, ZJ);
      expect(res.errors).toEqual([expect.objectContaining({ path: ['zhejiang', 'stale'], extensions: expect.objectContaining({ code: 'CONFLICT' }) })]);
      const events = await changeEvents(zj.database, before);
      expect(events).toEqual([expect.objectContaining({ entity: 'Port', entityId: 'CNWNZ', kind: 'UPDATED', fields: ['clearance24x7'] })]);
      expect(res.data).toEqual({ zhejiang: {
        stale: null,
        fresh: { port: { clearance24x7: true, version: v + 1 }, changeCursor: encodeCursor({ ZHEJIANG: events[0].id }) },
      } });
    });

    it('refuses to overwrite a recorded month without expectedVersion', async () => {
      expect((await zj.gql(RECORD_CAPACITY, { input: capacity({ period: '2031-02' }) }, ZJ)).errors).toBeUndefined();
      const before = await snapshot(zj.database);
      const again = await zj.gql(RECORD_CAPACITY, { input: capacity({ period: '2031-02', importClearanceHours: 1 }) }, ZJ);
      expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await snapshot(zj.database)).toEqual(before);
    });
  });

  describe('idempotency keys', () => {
    it('a retried mutation returns the first result and writes nothing twice', async () => {
      const input = route({ destinationPortCode: 'NLRTM' });
      const firstEvent = await lastEventId(zj.database);
      const first = await zj.gql(UPSERT_ROUTE, { input, key: 'retry-route-0001' }, ZJ);
      expect(first.errors).toBeUndefined();
      const [event] = await changeEvents(zj.database, firstEvent);
      const before = await snapshot(zj.database);
      const retry = await zj.gql(UPSERT_ROUTE, { input, key: 'retry-route-0001' }, ZJ);
      // The retry answers the first result, its change cursor included.
      expect(retry.data).toEqual(first.data);
      expect(cursorOf(retry, 'upsertRoute')).toEqual({ ZHEJIANG: event.id });
      expect(await snapshot(zj.database)).toEqual(before);
    });

    it('concurrent retries with one key write once', async () => {
      const before = await lastEventId(zj.database);
      const input = capacity({ period: '2032-03' });
      const results = await Promise.all([1, 2, 3].map(() => zj.gql(RECORD_CAPACITY, { input, key: 'retry-capacity-0002' }, ZJ)));
      for (const r of results) expect(r.errors).toBeUndefined();
      const events = await changeEvents(zj.database, before);
      expect(events).toHaveLength(1);
      for (const r of results) expect(cursorOf(r, 'recordClearanceCapacity')).toEqual({ ZHEJIANG: events[0].id });
    });

    it('refuses the same key with other arguments', async () => {
      await zj.gql(UPSERT_ROUTE, { input: route({ destinationPortCode: 'DEHAM' }), key: 'retry-route-0003' }, ZJ);
      const before = await snapshot(zj.database);
      const other = await zj.gql(UPSERT_ROUTE, { input: route({ destinationPortCode: 'BEANR' }), key: 'retry-route-0003' }, ZJ);
      expect(other.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' }));
      expect(await snapshot(zj.database)).toEqual(before);
    });
  });

  describe('bad input gets BAD_USER_INPUT naming the field, and nothing is written', () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['a malformed UN/LOCODE', UPDATE_PORT, { code: 'CN-NB', input: { nameEn: 'x' }, v: 1 }, 'code'],
      ['a port of another province', UPDATE_PORT, { code: 'CNSGH', input: { nameEn: 'x' }, v: 1 }, 'code'],
      ['over-long text', UPDATE_PORT, { code: 'CNNBO', input: { nameEn: 'N'.repeat(101) }, v: 1 }, 'input.nameEn'],
      ['a malformed IATA code', UPDATE_PORT, { code: 'CNHGH', input: { iata: 'hgh' }, v: 1 }, 'input.iata'],
      ['negative hours', RECORD_CAPACITY, { input: capacity({ importClearanceHours: -1 }) }, 'input.importClearanceHours'],
      ['absurd hours', RECORD_CAPACITY, { input: capacity({ importClearanceHours: 10_000 }) }, 'input.importClearanceHours'],
      ['negative throughput', RECORD_CAPACITY, { input: capacity({ throughputTeu: -5 }) }, 'input.throughputTeu'],
      ['an impossible month', RECORD_CAPACITY, { input: capacity({ period: '2025-13' }) }, 'input.period'],
      ['inspection-quarantine after the 2018 merger', RECORD_CAPACITY, { input: capacity({ agency: 'INSPECTION_QUARANTINE' }) }, 'input.agency'],
      ['a capacity record for another province\'s port', RECORD_CAPACITY, { input: capacity({ portCode: 'CNTAC' }) }, 'input.portCode'],
      ['an impossible date', UPSERT_ROUTE, { input: route({ openedOn: '2025-02-30' }) }, 'input.openedOn'],
      ['an unknown destination', UPSERT_ROUTE, { input: route({ destinationPortCode: 'XXZZZ' }) }, 'input.destinationPortCode'],
      ['a route from another province\'s port', UPSERT_ROUTE, { input: route({ originPortCode: 'CNSGH' }) }, 'input.originPortCode'],
      ['an absurd frequency', UPSERT_ROUTE, { input: route({ weeklyFrequency: 1e6 }) }, 'input.weeklyFrequency'],
      ['an unknown terminal', ADVANCE, { id: 'NO-SUCH-TERMINAL', stage: 'APPLICATION_FILED', on: '2025-01-01', v: 1 }, 'terminalId'],
      ['an unknown partner', PROPOSE, { input: initiative({ partners: ['ATLANTIS'] }) }, 'input.partners.0'],
      ['itself as partner', PROPOSE, { input: initiative({ partners: ['ZHEJIANG'] }) }, 'input.partners.0'],
      ['a milestone due before the start', PROPOSE, { input: initiative({ milestones: [{ title: 'x', due: '2020-01-01', responsibleUnit: 'y' }] }) }, 'input.milestones.0.due'],
      ['an unknown initiative', COMPLETE, { id: 'NO-SUCH', seq: 1, on: '2025-01-01', v: 1 }, 'initiativeId'],
      ['a commitment to its own initiative', COMMIT, { input: { initiativeId: 'ZJ-X', lead: 'ZHEJIANG', summary: 's', responsibleUnit: 'a' } }, 'input.lead'],
      ['a commitment to an initiative its lead does not have', COMMIT, { input: { initiativeId: 'SH-NO-SUCH', lead: 'SHANGHAI', summary: 's', responsibleUnit: 'a' } }, 'input.initiativeId'],
      ['a too-short idempotency key', UPSERT_ROUTE, { input: route(), key: 'k' }, 'idempotencyKey'],
    ];
    // A value its variable's type refuses (no such Province) stops the whole operation before it runs.
    const refusedVariables = new Set(['an unknown partner']);
    it.each(cases)('%s', async (name, mutation, variables, field) => {
      const before = await snapshot(zj.database);
      const res = await zj.gql(mutation, variables, ZJ);
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
      // Otherwise the write answers null at its own path.
      const write = /zhejiang \{ (\w+)\(/.exec(mutation)?.[1] as string;
      if (refusedVariables.has(name)) {
        expect(res.data).toBeUndefined();
      } else {
        expect(res.errors?.[0].path).toEqual(['zhejiang', write]);
        expect(res.data).toEqual({ zhejiang: { [write]: null } });
      }
      expect(await snapshot(zj.database)).toEqual(before);
    });
  });

  describe('who may write', () => {
    it.each([
      ['another province\'s office', officeOf('SHANGHAI'), 'FORBIDDEN'],
      ['a partner system', partner, 'FORBIDDEN'],
      ['an anonymous caller', {}, 'UNAUTHENTICATED'],
    ])('%s may not write', async (_name, headers, code) => {
      const before = await snapshot(zj.database);
      const res = await zj.gql(UPSERT_ROUTE, { input: route() }, headers);
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(await snapshot(zj.database)).toEqual(before);
    });
  });
});
