import { MAX_PAGE_SIZE, provinceServices } from '@yrd/domain';
import { analyst, officeOf, partner, startStack, subscribe, type TestStack } from '../harness';

type Page<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; nodes: T[] };
const PROVINCES = provinceServices().map((s) => s.code);

describe('the contract: what a client programs against', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  const data = async <T>(query: string, variables?: Record<string, unknown>, headers = analyst): Promise<T> => {
    const res = await stack.gql(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };

  describe('writes', () => {
    const TWO_WRITES = `mutation ($v: Int!) { zhejiang {
      ok: updatePort(code: "CNNBO", input: { city: "Ningbo" }, expectedVersion: $v) { port { code city version } changeCursor }
      bad: updatePort(code: "CNWNZ", input: { iata: "wenzhou" }, expectedVersion: 1) { port { code } changeCursor }
    } }`;

    it('answers each of two writes in one operation on its own path: the valid one\'s payload, the invalid one\'s error', async () => {
      const before = await data<{ zhejiang: { port: { version: number; iata: string | null } } }>(
        '{ zhejiang { port(code: "CNNBO") { version } } w: zhejiang { port(code: "CNWNZ") { version iata } } }');
      const v = before.zhejiang.port.version;
      const res = await stack.gql(TWO_WRITES, { v }, officeOf('ZHEJIANG'));
      expect(res.data).toEqual({ zhejiang: {
        ok: { port: { code: 'CNNBO', city: 'Ningbo', version: v + 1 }, changeCursor: expect.any(String) },
        bad: null,
      } });
      expect(res.errors).toEqual([expect.objectContaining({
        path: ['zhejiang', 'bad'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.iata' }),
      })]);
      // The valid write was saved, the invalid one wrote nothing.
      const after = await data<{ a: { port: { version: number; city: string } }; b: { port: { version: number } } }>(
        '{ a: zhejiang { port(code: "CNNBO") { version city } } b: zhejiang { port(code: "CNWNZ") { version } } }');
      expect(after.a.port).toEqual({ version: v + 1, city: 'Ningbo' });
      expect(after.b.port.version).toBe(1);
    });

    it('gives a change cursor that resumes a subscription right after the writer\'s own change', async () => {
      const write = `mutation ($v: Int!, $name: String!) { zhejiang { updatePort(code: "CNZOS", input: { nameEn: $name }, expectedVersion: $v) { port { version } changeCursor } } }`;
      type Written = { zhejiang: { updatePort: { port: { version: number }; changeCursor: string } } };
      const first = await data<Written>(write, { v: 1, name: 'Zhoushan Port (1)' }, officeOf('ZHEJIANG'));
      await data<Written>(write, { v: 2, name: 'Zhoushan Port (2)' }, officeOf('ZHEJIANG'));
      const sub = subscribe(stack.gatewayUrl, `subscription ($after: String) { changes(provinces: [ZHEJIANG], after: $after) {
        id recordId entity kind record { ... on Port { code nameEn } } } }`, { after: first.zhejiang.updatePort.changeCursor }, { headers: partner });
      const [event] = await sub.waitFor(1);
      await sub.close();
      expect(event.data?.changes).toEqual({
        id: expect.stringMatching(/^ZHEJIANG:\d+$/), recordId: 'CNZOS', entity: 'PORT', kind: 'UPDATED',
        record: { code: 'CNZOS', nameEn: 'Zhoushan Port (2)' },
      });
    });
  });

  describe('who is calling, and one document for every office', () => {
    const cases = [
      ['analyst', analyst, { role: 'ANALYST', province: null, writableProvinces: [] }],
      ['partner', partner, { role: 'PARTNER', province: null, writableProvinces: [] }],
      ...PROVINCES.map((p) => [`office of ${p}`, officeOf(p), { role: 'OFFICE', province: p, writableProvinces: [p] }] as const),
    ] as const;

    it.each(cases)('viewer tells the %s who it is and what it may write', async (_who, headers, expected) => {
      const res = await data<{ viewer: Record<string, unknown> }>('{ viewer { subject role province writableProvinces } }', undefined, headers);
      expect(res.viewer).toEqual({ subject: expect.any(String), ...expected });
    });

    const OFFICE = `query ($province: Province!) { office(province: $province) { ...Office } }
      fragment Office on ProvinceOffice { province ports(first: 100) { totalCount nodes { code province } } terminals { totalCount } }`;
    it.each(cases)('office(province) answers the %s for every province with one fragment on ProvinceOffice', async (_who, headers) => {
      for (const province of PROVINCES) {
        const res = await data<{ office: { province: string; ports: Page<{ code: string; province: string }>; terminals: { totalCount: number } } }>(
          OFFICE, { province }, headers);
        const root = await data<Record<string, { ports: Page<{ code: string }>; terminals: { totalCount: number } }>>(
          `{ ${province.toLowerCase()} { ports(first: 100) { totalCount nodes { code } } terminals { totalCount } } }`);
        const own = root[province.toLowerCase()];
        expect(res.office.province).toBe(province);
        expect(res.office.ports.nodes.map((p) => p.code)).toEqual(own.ports.nodes.map((p) => p.code));
        expect(res.office.ports.totalCount).toBe(own.ports.totalCount);
        expect(res.office.ports.nodes.every((p) => p.province === province)).toBe(true);
        expect(res.office.terminals.totalCount).toBe(own.terminals.totalCount);
      }
    });
  });

  describe('connections', () => {
    const PORTS = `query ($first: Int, $after: String, $last: Int, $before: String) {
      ports(first: $first, after: $after, last: $last, before: $before, orderBy: { field: IMPORT_CLEARANCE_HOURS, direction: DESC }) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code importClearanceHours } } }`;
    type Port = { code: string; importClearanceHours: number | null };

    it('pages through the region\'s merged ports forward and backward to the same list, each port once', async () => {
      const whole = (await data<{ ports: Page<Port> }>(PORTS, { first: MAX_PAGE_SIZE })).ports;
      expect(whole.nodes.length).toBe(whole.totalCount);
      expect(whole.pageInfo).toEqual(expect.objectContaining({ hasNextPage: false, hasPreviousPage: false }));
      const forward: Port[] = [];
      let page = null as Page<Port> | null;
      do {
        page = (await data<{ ports: Page<Port> }>(PORTS, { first: 4, after: page?.pageInfo.endCursor ?? null })).ports;
        expect(page.pageInfo.hasPreviousPage).toBe(forward.length > 0);
        forward.push(...page.nodes);
      } while (page.pageInfo.hasNextPage);
      expect(forward).toEqual(whole.nodes);
      const backward: Port[] = [];
      page = null as Page<Port> | null;
      do {
        page = (await data<{ ports: Page<Port> }>(PORTS, { last: 5, before: page?.pageInfo.startCursor ?? null })).ports;
        expect(page.pageInfo.hasNextPage).toBe(backward.length > 0);
        backward.unshift(...page.nodes);
      } while (page.pageInfo.hasPreviousPage);
      expect(backward).toEqual(whole.nodes);
      // Nulls sort last; the non-null hours descend.
      const hours = whole.nodes.map((p) => p.importClearanceHours);
      const known = hours.filter((h): h is number => h !== null);
      expect(known).toEqual([...known].sort((a, b) => b - a));
      expect(hours.slice(known.length).every((h) => h === null)).toBe(true);
    });

    it('pages a province\'s own list and the region\'s routes with the same cursors', async () => {
      type Route = { id: string; province: string };
      const ROUTES = `query ($after: String) { routes(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id province } } }`;
      const all: Route[] = [];
      let page = null as Page<Route> | null;
      do {
        page = (await data<{ routes: Page<Route> }>(ROUTES, { after: page?.pageInfo.endCursor ?? null })).routes;
        all.push(...page.nodes);
      } while (page.pageInfo.hasNextPage);
      const perProvince = await data<Record<string, { routes: Page<{ id: string }> }>>(
        `{ ${PROVINCES.map((p) => `${p.toLowerCase()} { routes(first: 100) { totalCount nodes { id } } }`).join(' ')} }`);
      const expected = PROVINCES.flatMap((p) => perProvince[p.toLowerCase()].routes.nodes.map((r) => ({ id: r.id, province: p })))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.province < b.province ? -1 : 1));
      expect(all).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
    });

    it('pages the region\'s overdue milestones to the same list, most overdue first, each once', async () => {
      type Overdue = { lead: string; seq: number; due: string; daysOverdue: number; initiative: { id: string } };
      const QUERY = `query ($after: String) { overdueMilestones(asOf: "2026-12-01", first: 1, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { lead seq due daysOverdue initiative { id } } } }`;
      const whole = (await data<{ overdueMilestones: Page<Overdue> }>(QUERY.replace('first: 1', 'first: 100'))).overdueMilestones.nodes;
      const paged: Overdue[] = [];
      let after: string | null = null;
      do {
        const page: Page<Overdue> = (await data<{ overdueMilestones: Page<Overdue> }>(QUERY, { after })).overdueMilestones;
        paged.push(...page.nodes);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      // The seed's overdue work today: more than one page of one.
      expect(whole.length).toBeGreaterThan(1);
      expect(paged).toEqual(whole);
      expect(whole.map((m) => m.daysOverdue)).toEqual([...whole.map((m) => m.daysOverdue)].sort((a, b) => b - a));
      for (const m of whole) expect(m.daysOverdue).toBe(Math.round((Date.parse('2026-12-01') - Date.parse(m.due)) / 86_400_000));
    });

    it('costs a province one SQL statement for a page, and a second only when the client asks for the count', async () => {
      const zhejiang = stack.provinces.ZHEJIANG;
      const page = (selection: string) => zhejiang.countQueries(async () => {
        await data(`{ ports(first: 5, filter: { provinces: [ZHEJIANG] }) { ${selection} } }`);
      });
      expect(await page('nodes { code }')).toBe(1);
      expect(await page('edges { cursor node { code } }')).toBe(1);
      expect(await page('totalCount nodes { code }')).toBe(2);
      expect(await page('pageInfo { hasPreviousPage } nodes { code }')).toBe(2);
      // The change feed's polls (twice a second, while the gateway's cache follows it) are its own work, not the
      // request's: a CI run once counted one in a page's cost.
      expect(await zhejiang.countQueries(async () => {
        await data(`{ ports(first: 6, filter: { provinces: [ZHEJIANG] }) { nodes { code } } }`);
        await new Promise((r) => setTimeout(r, 1200));
      })).toBe(1);
    });

    it('does the work of a province once however often a filter repeats it, and refuses more values than the limit unread', async () => {
      const ROUTES = 'query ($p: [Province!], $to: [Province!]) { routes(first: 100, filter: { provinces: $p, toProvinces: $to }) { totalCount nodes { id } } }';
      const repeats = (n: number) => ({ p: Array(n).fill('SHANGHAI'), to: Array(n).fill('ZHEJIANG') });
      const once = await data<{ routes: Page<{ id: string }> }>(ROUTES, { p: ['SHANGHAI'], to: ['ZHEJIANG'] });
      const repeated = await data<{ routes: Page<{ id: string }> }>(ROUTES, repeats(2_000));
      expect(once.routes.totalCount).toBeGreaterThan(0);
      expect(repeated).toEqual(once);
      // 80,000 values: refused by the gateway before anything coerces them.
      const flood = await stack.gql(ROUTES, repeats(40_000));
      expect(flood.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'VARIABLE_LIMIT_EXCEEDED' }));
    });

    it('refuses a filter list longer than 500 values before it reaches a database (SQLite fails at 32,767)', async () => {
      const recordIds = Array.from({ length: 501 }, (_, i) => `R${i}`);
      const trail = await stack.gql('query ($ids: [ID!]) { auditTrail(filter: { recordIds: $ids }) { totalCount } }', { ids: recordIds });
      expect(trail.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.recordIds' }));
      const ports = await stack.gql('query ($codes: [ID!]) { zhejiang { ports(filter: { portCodes: $codes }) { totalCount } } }', { codes: recordIds.slice(0, 501) });
      expect(ports.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.portCodes' }));
      const fine = await stack.gql('query ($codes: [ID!]) { zhejiang { ports(filter: { portCodes: $codes }) { totalCount } } }', { codes: ['CNNBO', ...recordIds.slice(0, 499)] });
      expect(fine.data).toEqual({ zhejiang: { ports: { totalCount: 1 } } });
    });

    it('refuses bad page arguments with BAD_USER_INPUT naming the argument', async () => {
      const refused = async (query: string, variables: Record<string, unknown>, field: string) => {
        const res = await stack.gql(query, variables);
        expect(res.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
      };
      const cursorOfAnotherList = (await data<{ routes: Page<unknown> }>('{ routes(first: 1) { pageInfo { endCursor } } }')).routes.pageInfo.endCursor;
      await refused(PORTS, { first: MAX_PAGE_SIZE + 1 }, 'first');
      await refused(PORTS, { first: 1, last: 1 }, 'last');
      await refused(PORTS, { first: 1, after: cursorOfAnotherList }, 'after');
      await refused(PORTS, { first: 1, after: 'not a cursor' }, 'after');
      const infinity = Buffer.from('["ports:IMPORT_CLEARANCE_HOURS:DESC","ZHEJIANG",1e999,"CNNBO"]').toString('base64url');
      await refused(PORTS, { first: 1, after: infinity }, 'after');
      await refused('query ($b: String) { zhejiang { terminals(last: 2, before: $b) { totalCount } } }', { b: 'x'.repeat(5000) }, 'before');
    });
  });

  describe('nullability that means something', () => {
    it('lists the commitments partners made and the partners still pending, matching the partners\' own records', async () => {
      type Initiative = { id: string; lead: string; partners: string[]; pendingPartners: string[]; commitments: { id: string; province: string; summary: string }[] };
      const { initiatives } = await data<{ initiatives: Page<Initiative> }>(
        '{ initiatives(first: 100) { nodes { id lead partners pendingPartners commitments { id province summary } } } }');
      const made = await data<Record<string, { commitments: Page<{ id: string; initiative: { id: string } | null }> }>>(
        `{ ${PROVINCES.map((p) => `${p.toLowerCase()} { commitments(first: 100) { nodes { id initiative { id } } } }`).join(' ')} }`);
      const madeIds = new Set(PROVINCES.flatMap((p) => made[p.toLowerCase()].commitments.nodes.map((c) => c.id)));
      let pending = 0;
      for (const i of initiatives.nodes) {
        expect(i.commitments.map((c) => c.province).concat(i.pendingPartners).sort()).toEqual([...i.partners].sort());
        for (const c of i.commitments) {
          expect(c.summary).toEqual(expect.any(String));
          expect(madeIds.has(c.id)).toBe(true);
        }
        for (const p of i.pendingPartners) expect(madeIds.has(`${i.lead}:${i.id}:${p}`)).toBe(false);
        pending += i.pendingPartners.length;
      }
      // The seed leaves some commitments pending on purpose, and every commitment made is listed once.
      expect(pending).toBeGreaterThan(0);
      expect(initiatives.nodes.flatMap((i) => i.commitments).length).toBe(madeIds.size);
    });

    it('answers null for a directory code no office publishes, and tells such ports apart in the directory', async () => {
      const res = await data<Record<string, unknown>>(`{
        unpublished: port(code: "CNSHG") { code } unknown: port(code: "ZZZZZ") { code } published: port(code: "CNNBO") { code province }
        foreign: port(code: "SGSIN") { code province }
        directoryOnly: directoryEntry(code: "CNSHG") { code administeredBy port { code } }
        directoryPublished: directoryEntry(code: "CNNBO") { administeredBy port { code } }
        notInDirectory: directoryEntry(code: "ZZZZZ") { code } }`);
      expect(res).toEqual({
        unpublished: null, unknown: null, published: { code: 'CNNBO', province: 'ZHEJIANG' }, foreign: { code: 'SGSIN', province: null },
        directoryOnly: { code: 'CNSHG', administeredBy: 'SHANGHAI', port: null },
        directoryPublished: { administeredBy: 'ZHEJIANG', port: { code: 'CNNBO' } },
        notInDirectory: null,
      });
    });
  });
});
