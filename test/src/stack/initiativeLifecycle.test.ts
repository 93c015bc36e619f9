import { analyst, officeOf, partner, snapshot, startStack, subscribe, type GqlResponse, type Subscriber, type TestStack } from '../harness';

const ZJ = officeOf('ZHEJIANG');
const SH = officeOf('SHANGHAI');
const JS = officeOf('JIANGSU');
type Initiative = { id: string; status: string; statusReason: string | null; version: number;
  milestones: { seq: number; due: string; doneOn: string | null }[]; pendingPartners: string[];
  commitments: { id: string; status: string }[] };
const INITIATIVE = 'id status statusReason version milestones { seq due doneOn } pendingPartners commitments { id status }';

/**
 * An initiative through its whole life, through the gateway with office tokens, as the regional mechanism runs one:
 * proposed with partners, committed to, a milestone added and one rescheduled, a partner withdrawing, completed; and
 * another cancelled. Every step is in the audit trail with its actor and values, and reached a partner system as an event.
 */
describe('a joint initiative through its life', () => {
  let stack: TestStack;
  let events: Subscriber;
  const write = async (headers: Record<string, string>, province: string, mutation: string, variables: Record<string, unknown> = {}) => {
    const declared = Object.keys(variables).length ? `(${Object.keys(variables).map((k) => `$${k}: ${k === 'v' ? 'Int!' : 'String!'}`).join(', ')})` : '';
    return stack.gql(`mutation ${declared} { ${province.toLowerCase()} { ${mutation} } }`, variables, headers);
  };
  const ok = (res: GqlResponse) => {
    expect(res.errors).toBeUndefined();
    return res;
  };
  const initiative = async (id: string) => {
    const res = ok(await stack.gql(`{ zhejiang { initiatives(first: 100) { nodes { ${INITIATIVE} } } } }`));
    return (res.data as { zhejiang: { initiatives: { nodes: Initiative[] } } }).zhejiang.initiatives.nodes.find((i) => i.id === id)!;
  };

  beforeAll(async () => {
    stack = await startStack();
    const cursor = ok(await stack.gql('{ changeCursor }')).data?.changeCursor as string;
    events = subscribe(stack.gatewayUrl, 'subscription ($after: String) { initiativeChanged(after: $after) { id recordId kind } }',
      { after: cursor }, { headers: partner });
  });
  afterAll(async () => {
    await events.close();
    await stack.stop();
  });

  it('goes from proposal to completion, each step by the office that may take it', async () => {
    ok(await write(ZJ, 'ZHEJIANG', `proposeInitiative(input: { id: "ZJ-LIFE-1", title: "Joint inspection of hazardous cargo", category: INSPECTION,
      partners: [SHANGHAI, JIANGSU], startOn: "2026-01-01", milestones: [
        { title: "Inspection plan agreed", due: "2026-03-31", responsibleUnit: "Ningbo Customs" },
        { title: "First joint inspection", due: "2026-06-30", responsibleUnit: "Zhejiang Port Office" }] }) { changeCursor }`));
    expect(await initiative('ZJ-LIFE-1')).toEqual(expect.objectContaining({ status: 'PROPOSED', pendingPartners: ['SHANGHAI', 'JIANGSU'], commitments: [] }));
    ok(await write(SH, 'SHANGHAI', 'commitToInitiative(input: { initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG, summary: "Joint team at Yangshan", responsibleUnit: "Shanghai Customs" }) { changeCursor }'));
    ok(await write(ZJ, 'ZHEJIANG', 'addMilestone(initiativeId: "ZJ-LIFE-1", input: { title: "Report to the joint conference", due: "2026-09-30", responsibleUnit: "Zhejiang Port Office" }, expectedVersion: $v) { changeCursor }', { v: 1 }));
    ok(await write(ZJ, 'ZHEJIANG', 'rescheduleMilestone(initiativeId: "ZJ-LIFE-1", seq: 1, due: "2026-04-30", reason: $reason, expectedVersion: $v) { initiative { milestones { seq due } } }',
      { v: 2, reason: 'Shanghai joined the plan late' }));
    ok(await write(JS, 'JIANGSU', 'commitToInitiative(input: { initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG, summary: "Inspect at Taicang", responsibleUnit: "Nanjing Customs" }) { changeCursor }'));
    ok(await write(JS, 'JIANGSU', 'withdrawCommitment(initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG, reason: $reason, expectedVersion: $v) { commitment { status } }',
      { v: 1, reason: 'No inspectors free this year' }));
    for (const [seq, v] of [[1, 3], [2, 4], [3, 5]]) {
      ok(await write(ZJ, 'ZHEJIANG', `completeMilestone(initiativeId: "ZJ-LIFE-1", seq: ${seq}, doneOn: "2026-10-01", expectedVersion: $v) { changeCursor }`, { v }));
    }
    expect(await initiative('ZJ-LIFE-1')).toEqual({
      id: 'ZJ-LIFE-1', status: 'COMPLETED', statusReason: null, version: 6, pendingPartners: [],
      milestones: [{ seq: 1, due: '2026-04-30', doneOn: '2026-10-01' }, { seq: 2, due: '2026-06-30', doneOn: '2026-10-01' },
        { seq: 3, due: '2026-09-30', doneOn: '2026-10-01' }],
      commitments: [{ id: 'ZHEJIANG:ZJ-LIFE-1:SHANGHAI', status: 'COMMITTED' }, { id: 'ZHEJIANG:ZJ-LIFE-1:JIANGSU', status: 'WITHDRAWN' }],
    });
  });

  it('cancels an initiative with its reason, which then changes no more and takes no commitment', async () => {
    ok(await write(ZJ, 'ZHEJIANG', `proposeInitiative(input: { id: "ZJ-LIFE-2", title: "A plan overtaken by events", category: COORDINATION,
      partners: [SHANGHAI], startOn: "2026-01-01", milestones: [{ title: "Draft", due: "2026-02-01", responsibleUnit: "Zhejiang Port Office" }] }) { changeCursor }`));
    const updated = ok(await write(ZJ, 'ZHEJIANG', `updateInitiative(initiativeId: "ZJ-LIFE-2", input: { titleZh: "被事件取代的计划",
      description: "Coordination of the 2026 inspections", category: INSPECTION }, expectedVersion: $v) { initiative { title titleZh description category version } }`, { v: 1 }));
    expect((updated.data as { zhejiang: { updateInitiative: { initiative: unknown } } }).zhejiang.updateInitiative.initiative).toEqual({
      title: 'A plan overtaken by events', titleZh: '被事件取代的计划', description: 'Coordination of the 2026 inspections', category: 'INSPECTION', version: 2,
    });
    ok(await write(ZJ, 'ZHEJIANG', 'cancelInitiative(initiativeId: "ZJ-LIFE-2", reason: $reason, expectedVersion: $v) { initiative { status statusReason } }',
      { v: 2, reason: 'Merged into ZJ-LIFE-1' }));
    expect(await initiative('ZJ-LIFE-2')).toEqual(expect.objectContaining({ status: 'CANCELLED', statusReason: 'Merged into ZJ-LIFE-1' }));
    const closed = await write(ZJ, 'ZHEJIANG', 'updateInitiative(initiativeId: "ZJ-LIFE-2", input: { description: "Too late" }, expectedVersion: $v) { changeCursor }', { v: 3 });
    expect(closed.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'initiativeId' }));
    const refused = await write(SH, 'SHANGHAI', 'commitToInitiative(input: { initiativeId: "ZJ-LIFE-2", lead: ZHEJIANG, summary: "Too late", responsibleUnit: "Shanghai Customs" }) { changeCursor }');
    expect(refused.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.initiativeId' }));
  });

  it('names new partners: an added one may commit, a removed one\'s commitment is withdrawn by its own province', async () => {
    ok(await write(ZJ, 'ZHEJIANG', `proposeInitiative(input: { id: "ZJ-LIFE-3", title: "Partners change", category: COORDINATION,
      partners: [SHANGHAI], startOn: "2026-01-01", milestones: [] }) { changeCursor }`));
    ok(await write(SH, 'SHANGHAI', 'commitToInitiative(input: { initiativeId: "ZJ-LIFE-3", lead: ZHEJIANG, summary: "At first", responsibleUnit: "Shanghai Customs" }) { changeCursor }'));
    const changed = ok(await stack.gql(`mutation { zhejiang { setPartners(initiativeId: "ZJ-LIFE-3", partners: [JIANGSU], expectedVersion: 1) {
      initiative { partners pendingPartners commitments { id } } unreleasedPartners } } }`, {}, ZJ));
    expect((changed.data as { zhejiang: { setPartners: unknown } }).zhejiang.setPartners).toEqual({
      initiative: { partners: ['JIANGSU'], pendingPartners: ['JIANGSU'], commitments: [] }, unreleasedPartners: [],
    });
    const shanghai = ok(await stack.gql(`{ shanghai { commitments(filter: { initiativeIds: ["ZJ-LIFE-3"] }) { nodes { id status
      history(first: 1) { nodes { actor changes { field oldValue newValue } } } } } } }`));
    expect((shanghai.data as { shanghai: { commitments: { nodes: unknown[] } } }).shanghai.commitments.nodes).toEqual([{
      id: 'ZHEJIANG:ZJ-LIFE-3:SHANGHAI', status: 'WITHDRAWN', history: { nodes: [{ actor: 'clerk@zhejiang', changes: [
        { field: 'status', oldValue: 'COMMITTED', newValue: 'WITHDRAWN' },
        { field: 'statusReason', oldValue: null, newValue: 'ZHEJIANG removed SHANGHAI from the partners' }] }] },
    }]);
    ok(await write(JS, 'JIANGSU', 'commitToInitiative(input: { initiativeId: "ZJ-LIFE-3", lead: ZHEJIANG, summary: "Now", responsibleUnit: "Nanjing Customs" }) { changeCursor }'));
    const again = await write(SH, 'SHANGHAI', 'commitToInitiative(input: { initiativeId: "ZJ-LIFE-3", lead: ZHEJIANG, summary: "Again", responsibleUnit: "Shanghai Customs" }, expectedVersion: $v) { changeCursor }', { v: 2 });
    expect(again.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.initiativeId' }));
    // The release is plumbing between provinces: not in the public schema, and a partner believes only the lead.
    const viaGateway = await stack.gql('mutation { shanghai { _releaseCommitment(initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG) { commitment { id } } } }', {}, ZJ);
    expect(viaGateway.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const release = 'mutation { shanghai { _releaseCommitment(initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG) { commitment { id } } } }';
    const before = await snapshot(stack.provinces.SHANGHAI.database);
    const stillPartner = await stack.provinces.SHANGHAI.gql(release, {}, ZJ);
    expect(stillPartner.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'initiativeId' }));
    const notTheLead = await stack.provinces.SHANGHAI.gql(release, {}, JS);
    expect(notTheLead.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot(stack.provinces.SHANGHAI.database)).toEqual(before);
  });

  it('lets a partner commit to two leads\' initiatives that share an id', async () => {
    for (const [headers, lead] of [[ZJ, 'ZHEJIANG'], [JS, 'JIANGSU']] as const) {
      ok(await write(headers, lead, `proposeInitiative(input: { id: "SAME-ID-1", title: "Same id, ${lead}", category: COORDINATION,
        partners: [SHANGHAI], startOn: "2026-01-01", milestones: [] }) { changeCursor }`));
      ok(await write(SH, 'SHANGHAI', `commitToInitiative(input: { initiativeId: "SAME-ID-1", lead: ${lead}, summary: "For ${lead}", responsibleUnit: "Shanghai Customs" }) { commitment { id } }`));
    }
    const res = ok(await stack.gql('{ shanghai { commitments(filter: { initiativeIds: ["SAME-ID-1"] }) { nodes { id summary initiative { title } } } } }'));
    expect((res.data as { shanghai: { commitments: { nodes: unknown[] } } }).shanghai.commitments.nodes).toEqual([
      { id: 'JIANGSU:SAME-ID-1:SHANGHAI', summary: 'For JIANGSU', initiative: { title: 'Same id, JIANGSU' } },
      { id: 'ZHEJIANG:SAME-ID-1:SHANGHAI', summary: 'For ZHEJIANG', initiative: { title: 'Same id, ZHEJIANG' } },
    ]);
  });

  it('refuses every invalid transition with BAD_USER_INPUT and writes nothing', async () => {
    const invalid: [Record<string, string>, string, string, Record<string, unknown>, string][] = [
      [ZJ, 'ZHEJIANG', 'rescheduleMilestone(initiativeId: "ZJ-LIFE-1", seq: 1, due: "2027-01-01", reason: $reason, expectedVersion: $v) { changeCursor }', { v: 6, reason: 'too late' }, 'initiativeId'],
      [ZJ, 'ZHEJIANG', 'addMilestone(initiativeId: "ZJ-LIFE-1", input: { title: "More", due: "2027-01-01", responsibleUnit: "x" }, expectedVersion: $v) { changeCursor }', { v: 6 }, 'initiativeId'],
      [ZJ, 'ZHEJIANG', 'cancelInitiative(initiativeId: "ZJ-LIFE-1", reason: $reason, expectedVersion: $v) { changeCursor }', { v: 6, reason: 'done already' }, 'initiativeId'],
      [ZJ, 'ZHEJIANG', 'cancelInitiative(initiativeId: "ZJ-LIFE-2", reason: $reason, expectedVersion: $v) { changeCursor }', { v: 2, reason: 'twice' }, 'initiativeId'],
      [ZJ, 'ZHEJIANG', 'completeMilestone(initiativeId: "ZJ-LIFE-2", seq: 1, doneOn: "2026-02-01", expectedVersion: $v) { changeCursor }', { v: 2 }, 'initiativeId'],
      [ZJ, 'ZHEJIANG', 'addMilestone(initiativeId: "ZJ-LIFE-1", input: { title: "Before the start", due: "2025-01-01", responsibleUnit: "x" }, expectedVersion: $v) { changeCursor }', { v: 6 }, 'initiativeId'],
      [JS, 'JIANGSU', 'withdrawCommitment(initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG, reason: $reason, expectedVersion: $v) { changeCursor }', { v: 2, reason: 'again' }, 'initiativeId'],
      [SH, 'SHANGHAI', 'withdrawCommitment(initiativeId: "ZJ-LIFE-1", lead: JIANGSU, reason: $reason, expectedVersion: $v) { changeCursor }', { v: 1, reason: 'wrong lead' }, 'initiativeId'],
    ];
    for (const [headers, province, mutation, variables, field] of invalid) {
      const before = await snapshot(stack.provinces[province].database);
      const res = await write(headers, province, mutation, variables);
      expect([mutation, res.errors?.[0].extensions]).toEqual([mutation, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      expect(await snapshot(stack.provinces[province].database)).toEqual(before);
    }
  });

  it('lets no province change another\'s initiatives or commitments through any new mutation', async () => {
    const attempts: [Record<string, string>, string, string, Record<string, unknown>][] = [
      [SH, 'ZHEJIANG', 'addMilestone(initiativeId: "ZJ-LIFE-1", input: { title: "x", due: "2027-01-01", responsibleUnit: "x" }, expectedVersion: $v) { changeCursor }', { v: 6 }],
      [SH, 'ZHEJIANG', 'rescheduleMilestone(initiativeId: "ZJ-LIFE-1", seq: 1, due: "2027-01-01", reason: $reason, expectedVersion: $v) { changeCursor }', { v: 6, reason: 'x' }],
      [JS, 'ZHEJIANG', 'cancelInitiative(initiativeId: "ZJ-LIFE-1", reason: $reason, expectedVersion: $v) { changeCursor }', { v: 6, reason: 'x' }],
      [SH, 'ZHEJIANG', 'updateInitiative(initiativeId: "ZJ-LIFE-2", input: { titleZh: "x" }, expectedVersion: $v) { changeCursor }', { v: 3 }],
      [JS, 'ZHEJIANG', 'setPartners(initiativeId: "ZJ-LIFE-3", partners: [JIANGSU, SHANGHAI], expectedVersion: $v) { changeCursor }', { v: 2 }],
      [ZJ, 'SHANGHAI', 'withdrawCommitment(initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG, reason: $reason, expectedVersion: $v) { changeCursor }', { v: 1, reason: 'x' }],
      [partner, 'ZHEJIANG', 'cancelInitiative(initiativeId: "ZJ-LIFE-1", reason: $reason, expectedVersion: $v) { changeCursor }', { v: 6, reason: 'x' }],
      [analyst, 'JIANGSU', 'withdrawCommitment(initiativeId: "ZJ-LIFE-1", lead: ZHEJIANG, reason: $reason, expectedVersion: $v) { changeCursor }', { v: 2, reason: 'x' }],
    ];
    for (const [headers, province, mutation, variables] of attempts) {
      const before = await snapshot(stack.provinces[province].database);
      const res = await write(headers, province, mutation, variables);
      expect([mutation, res.errors?.[0].extensions?.code]).toEqual([mutation, 'FORBIDDEN']);
      expect(await snapshot(stack.provinces[province].database)).toEqual(before);
    }
  });

  it('keeps every step in the audit trail, with its actor and old and new values, and delivered each as an event', async () => {
    const res = ok(await stack.gql(`{ auditTrail(first: 100, filter: { recordIds: ["ZJ-LIFE-1", "ZHEJIANG:ZJ-LIFE-1:SHANGHAI", "ZHEJIANG:ZJ-LIFE-1:JIANGSU"] }) {
      nodes { id province entity recordId kind actor changes { field oldValue newValue } } } }`));
    type Entry = { id: string; province: string; entity: string; recordId: string; kind: string; actor: string; changes: { field: string; oldValue: string | null; newValue: string | null }[] };
    const steps = [...(res.data as { auditTrail: { nodes: Entry[] } }).auditTrail.nodes].reverse();
    expect(steps.map((s) => [s.actor, s.recordId, s.kind, s.changes.map((c) => c.field).join(',')])).toEqual([
      ['clerk@zhejiang', 'ZJ-LIFE-1', 'CREATED', 'title,category,partners,startOn,milestones,provenance'],
      ['clerk@shanghai', 'ZHEJIANG:ZJ-LIFE-1:SHANGHAI', 'CREATED', 'initiativeId,leadProvince,summary,responsibleUnit,status,provenance'],
      ['clerk@zhejiang', 'ZJ-LIFE-1', 'UPDATED', 'milestones'],
      ['clerk@zhejiang', 'ZJ-LIFE-1', 'UPDATED', 'milestones'],
      ['clerk@jiangsu', 'ZHEJIANG:ZJ-LIFE-1:JIANGSU', 'CREATED', 'initiativeId,leadProvince,summary,responsibleUnit,status,provenance'],
      ['clerk@jiangsu', 'ZHEJIANG:ZJ-LIFE-1:JIANGSU', 'UPDATED', 'status,statusReason'],
      ['clerk@zhejiang', 'ZJ-LIFE-1', 'UPDATED', 'milestones,status'],
      ['clerk@zhejiang', 'ZJ-LIFE-1', 'UPDATED', 'milestones'],
      ['clerk@zhejiang', 'ZJ-LIFE-1', 'UPDATED', 'milestones,status'],
    ]);
    expect(steps[2].changes).toEqual([{ field: 'milestones', oldValue: null, newValue: JSON.stringify({ seq: 3, title: 'Report to the joint conference', due: '2026-09-30', responsibleUnit: 'Zhejiang Port Office' }) }]);
    expect(steps[3].changes).toEqual([{ field: 'milestones', oldValue: JSON.stringify({ seq: 1, due: '2026-03-31' }),
      newValue: JSON.stringify({ seq: 1, due: '2026-04-30', reason: 'Shanghai joined the plan late' }) }]);
    expect(steps[5].changes).toEqual([{ field: 'status', oldValue: 'COMMITTED', newValue: 'WITHDRAWN' },
      { field: 'statusReason', oldValue: null, newValue: 'No inspectors free this year' }]);
    expect(steps[6].changes).toContainEqual({ field: 'status', oldValue: 'PROPOSED', newValue: 'ACTIVE' });
    expect(steps[8].changes).toContainEqual({ field: 'status', oldValue: 'ACTIVE', newValue: 'COMPLETED' });
    // The partner system received each of these steps (and ZJ-LIFE-2's three) as an event with the same id.
    const delivered = await events.waitFor(steps.length + 3);
    const ids = delivered.map((e) => (e.data?.initiativeChanged as { id: string }).id);
    expect(ids).toEqual(expect.arrayContaining(steps.map((s) => s.id)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
