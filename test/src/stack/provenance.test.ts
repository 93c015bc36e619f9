import { provinceServices } from '@yrd/domain';
import { officeOf, snapshot, startStack, type GqlResponse, type TestStack } from '../harness';

const ZJ = officeOf('ZHEJIANG');
const PROVINCES = provinceServices().map((s) => s.code.toLowerCase());
const PROVENANCE = 'source { publisher title year } asOf estimated estimateBasis';
type Provenance = { source: { publisher: string; title: string; year: number } | null; asOf: string; estimated: boolean; estimateBasis: string | null };
type Page<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean } };
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Where every figure comes from (issue 13, item 4) and the seed true to history (item 5), through the gateway: every
 * seeded record carries a cited source or says how it was estimated; offices set provenance with their writes, and a
 * wrong one is refused naming its field; the 2006 plan's items are closed as history, so only work really overdue
 * today is listed.
 */
describe('sources and the seed\'s history', () => {
  let stack: TestStack;
  const ok = <T>(res: GqlResponse): T => {
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };

  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  describe('the seed', () => {
    it('gives every seeded record of every province a cited source, or an estimate that says how it was made', async () => {
      const lists = ['ports', 'terminals', 'capacityRecords', 'routes', 'initiatives', 'commitments'];
      let records = 0;
      let cited = 0;
      for (const province of PROVINCES) {
        for (const list of lists) {
          const page = ok<Record<string, Record<string, Page<Provenance & { id?: string; code?: string }>>>>(await stack.gql(
            `{ ${province} { ${list}(first: 100) { nodes { ${list === 'ports' ? 'code' : 'id'} ${PROVENANCE} } pageInfo { hasNextPage } } } }`))[province][list];
          expect(page.pageInfo.hasNextPage).toBe(false);
          expect(page.nodes.length).toBeGreaterThan(0);
          for (const record of page.nodes) {
            const what = `${province} ${list} ${record.code ?? record.id}`;
            expect([what, record.asOf <= today()]).toEqual([what, true]);
            // A figure not estimated is cited; an estimate says how it was made.
            if (record.estimated) expect([what, record.estimateBasis]).toEqual([what, expect.stringMatching(/\w{3,}/)]);
            else expect([what, record.source, record.estimateBasis]).toEqual([what, expect.objectContaining({ title: expect.any(String) }), null]);
            // Every port cites the UN/LOCODE list its code comes from.
            if (list === 'ports') expect([what, record.source?.publisher]).toEqual([what, 'UNECE']);
            if (record.source) {
              cited++;
              expect(record.source.year).toBeGreaterThanOrEqual(1949);
              expect(record.source.publisher.length).toBeGreaterThan(1);
            }
            records++;
          }
        }
      }
      // Over half of the records cite a publication; the rest (routes, agency-stage hours) are illustrative and say so.
      expect(records).toBeGreaterThan(100);
      expect(cited / records).toBeGreaterThan(0.5);
    });

    it('cites the published totals beside the monthly figures derived from them', async () => {
      const data = ok<{ zhejiang: { capacityRecords: Page<{ id: string } & Provenance> } }>(await stack.gql(
        `{ zhejiang { capacityRecords(filter: { portCodes: ["CNNBO"], agencies: [CUSTOMS], from: "2024-01", to: "2024-12" }, first: 12) { nodes { id ${PROVENANCE} } pageInfo { hasNextPage } } } }`));
      expect(data.zhejiang.capacityRecords.nodes.map((r) => r.id)).toEqual(['CNNBO:CUSTOMS:2024-10', 'CNNBO:CUSTOMS:2024-11', 'CNNBO:CUSTOMS:2024-12']);
      for (const r of data.zhejiang.capacityRecords.nodes) {
        expect(r).toMatchObject({ estimated: true, source: { title: '2024年年度报告', year: 2025 }, estimateBasis: expect.stringContaining('39.3M TEU') });
        expect(r.asOf).toBe(`${r.id.slice(-7)}-${r.id.endsWith('11') ? '30' : '31'}`);
      }
    });

    it('closes the 2006 plan\'s items as history, so that only work really overdue today is listed', async () => {
      const { overdueMilestones } = ok<{ overdueMilestones: Page<{ lead: string; due: string; title: string; initiative: { id: string } }> }>(
        await stack.gql('{ overdueMilestones(first: 100) { nodes { lead due title initiative { id } } pageInfo { hasNextPage } } }'));
      const listed = overdueMilestones.nodes.map((m) => `${m.initiative.id} ${m.due}`);
      expect(listed.filter((m) => m < '2010')).toEqual([]);
      expect(listed.some((m) => m.includes(' 2006-'))).toBe(false);
      // What is open today: linked unloading for Anhui's river ports, and Jiangsu's river-sea rollout.
      expect(listed).toEqual(expect.arrayContaining(['SH-2020-LINKED 2025-06-30', 'JS-2019-RIVERSEA 2025-12-31']));

      const data = ok<{ zhejiang: { initiatives: Page<{ id: string; status: string; estimated: boolean; milestones: { doneOn: string | null; due: string; doneOnEstimated: boolean }[] }> } }>(
        await stack.gql('{ zhejiang { initiatives(first: 100) { nodes { id status estimated milestones { due doneOn doneOnEstimated } } pageInfo { hasNextPage } } } }'));
      const plan = data.zhejiang.initiatives.nodes.filter((i) => i.id.startsWith('ZJ-2006-'));
      expect(plan).toHaveLength(4);
      for (const i of plan) {
        expect(i).toMatchObject({ status: 'COMPLETED', estimated: true });
        // Done dates that are not public are the due dates, and say so.
        for (const m of i.milestones) expect(m).toEqual({ due: m.due, doneOn: m.due, doneOnEstimated: true });
      }
    });

    it('holds Zhejiang\'s commitment to the Shanghai-led joint conference it is a partner of', async () => {
      const data = ok<{ initiatives: Page<{ id: string; partners: string[]; pendingPartners: string[]; commitments: { province: string; status: string }[] }> }>(
        await stack.gql('{ initiatives(filter: { leads: [SHANGHAI] }, first: 100) { nodes { id partners pendingPartners commitments { province status } } pageInfo { hasNextPage } } }'));
      const conference = data.initiatives.nodes.find((i) => i.id === 'SH-2014-YRDCONF')!;
      expect(conference.pendingPartners).toEqual([]);
      expect(conference.commitments).toEqual(expect.arrayContaining([{ province: 'ZHEJIANG', status: 'DELIVERED' }]));
    });
  });

  describe('writes', () => {
    const RECORD = `mutation ($input: CapacityRecordInput!, $v: Int) { zhejiang { recordClearanceCapacity(input: $input, expectedVersion: $v) {
      capacityRecord { id version ${PROVENANCE} history(first: 1) { nodes { changes { field oldValue newValue } } } } } } }`;
    const capacity = (provenance?: unknown) => ({
      portCode: 'CNZOS', agency: 'CUSTOMS', period: '2025-01', throughputTonnes: 1200000, importClearanceHours: 20.5, clearance24x7: false,
      ...(provenance === undefined ? {} : { provenance }),
    });
    const BULLETIN = { publisher: '舟山市港航和口岸管理局', title: '2025年1月舟山港口生产情况', year: 2025 };

    it('stores the provenance a write gives, keeps it in the audit trail, and restates it as the office\'s own when a restatement omits it', async () => {
      const given = { source: BULLETIN, asOf: '2025-01-31', estimated: true, estimateBasis: 'Tonnes from the bulletin; hours sampled from 200 declarations' };
      const created = ok<{ zhejiang: { recordClearanceCapacity: { capacityRecord: Provenance & { version: number; history: Page<{ changes: { field: string; newValue: string }[] }> } } } }>(
        await stack.gql(RECORD, { input: capacity(given) }, ZJ)).zhejiang.recordClearanceCapacity.capacityRecord;
      expect(created).toMatchObject({ source: BULLETIN, asOf: '2025-01-31', estimated: true, estimateBasis: given.estimateBasis });
      const logged = created.history.nodes[0].changes.find((c) => c.field === 'provenance')!;
      expect(JSON.parse(logged.newValue)).toMatchObject({ publisher: BULLETIN.publisher, asOf: '2025-01-31', estimated: true });

      // Restated without provenance: the office's own statement, as of today, and the trail shows the old source.
      const restated = ok<{ zhejiang: { recordClearanceCapacity: { capacityRecord: Provenance & { history: Page<{ changes: { field: string; oldValue: string; newValue: string }[] }> } } } }>(
        await stack.gql(RECORD, { input: capacity(), v: created.version }, ZJ)).zhejiang.recordClearanceCapacity.capacityRecord;
      expect(restated).toMatchObject({ source: null, asOf: today(), estimated: false, estimateBasis: null });
      const change = restated.history.nodes[0].changes.find((c) => c.field === 'provenance')!;
      expect(JSON.parse(change.oldValue)).toMatchObject({ title: BULLETIN.title });
      expect(JSON.parse(change.newValue)).toMatchObject({ title: null, asOf: today(), estimated: false });
    });

    it('keeps a record\'s provenance through an update that does not give one, and replaces it with one that does', async () => {
      const read = async () => ok<{ zhejiang: { terminals: Page<Provenance & { id: string; version: number }> } }>(await stack.gql(
        `{ zhejiang { terminals(filter: { portCodes: ["CNBLG"] }, first: 100) { nodes { id version ${PROVENANCE} } pageInfo { hasNextPage } } } }`))
        .zhejiang.terminals.nodes.find((t) => t.id === 'CNBLG-PH4-B3')!;
      const UPDATE = `mutation ($input: TerminalUpdateInput!, $v: Int!) { zhejiang { updateTerminal(id: "CNBLG-PH4-B3", input: $input, expectedVersion: $v) { terminal { id } } } }`;
      const seeded = await read();
      expect(seeded.source?.title).toBe('Zhejiang port management work plan, 2006');
      ok(await stack.gql(UPDATE, { input: { operator: 'Ningbo Zhoushan Port Group' }, v: seeded.version }, ZJ));
      const renamed = await read();
      expect({ ...renamed, version: 0 }).toEqual({ ...seeded, version: 0 });
      const approval = { source: { publisher: '交通运输部 (Ministry of Transport)', title: '港口对外开放验收批复', year: 2007 }, asOf: '2007-05-30' };
      ok(await stack.gql(UPDATE, { input: { designCapacity: 850000, provenance: approval }, v: renamed.version }, ZJ));
      expect(await read()).toMatchObject({ ...approval, estimated: false, estimateBasis: null });
    });

    it.each([
      ['an estimate that does not say how it was made', { asOf: '2025-01-31', estimated: true }, 'input.provenance.estimateBasis'],
      ['a basis for a figure not estimated', { source: BULLETIN, asOf: '2025-01-31', estimateBasis: 'guessed' }, 'input.provenance.estimateBasis'],
      ['figures as of a day to come', { source: BULLETIN, asOf: '2099-01-01' }, 'input.provenance.asOf'],
      ['a day that does not exist', { source: BULLETIN, asOf: '2025-02-30' }, 'input.provenance.asOf'],
      ['a source published before 1949', { source: { ...BULLETIN, year: 1800 }, asOf: '2025-01-31' }, 'input.provenance.source.year'],
      ['a source with no publisher', { source: { ...BULLETIN, publisher: '  ' }, asOf: '2025-01-31' }, 'input.provenance.source.publisher'],
      ['a title longer than 300 characters', { source: { ...BULLETIN, title: '港'.repeat(301) }, asOf: '2025-01-31' }, 'input.provenance.source.title'],
    ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_what, provenance, field) => {
      const before = await snapshot(stack.provinces.ZHEJIANG.database);
      const res = await stack.gql(RECORD, { input: { ...capacity(provenance), period: '2025-02' } }, ZJ);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await snapshot(stack.provinces.ZHEJIANG.database)).toEqual(before);
    });
  });
});
