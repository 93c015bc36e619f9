/// <reference lib="dom" />
import { get as httpGet } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SUPERGRAPH_FILE, apiSchemaOf, readOperationFiles } from '@yrd/gateway';
import { CHROMIUM_ARGS, REPO_ROOT, startPlatform, stopPlatform } from '../harness';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(REPO_ROOT, 'test/artifacts/dashboard.png');
// Debian's chromium (installed by .ci/run); without it, a developer's machine skips the browser, CI never does.
const browserTest = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
if (!existsSync(CHROMIUM) && !process.env.CI) console.warn(`skipping the dashboard browser test: no ${CHROMIUM} (apt-get install chromium)`);

/** The dashboard's operations, by name: the files of gateway/operations/dashboard, as the bundle holds them. */
const OPERATIONS: Readonly<Record<string, string>> = Object.fromEntries(readOperationFiles()
  .filter((o) => o.file.startsWith('dashboard/')).map((o) => [o.name, o.body]));
const CHARTS = ['clearance', 'capacity', 'routes', 'milestones'] as const;
type ChartName = typeof CHARTS[number];

/** The part of the page's window.__dashboard the test reads (see gateway/dashboard/main.ts). */
interface SeriesOption { readonly type: string; readonly name?: string; readonly data?: readonly unknown[] }
interface Handle {
  readonly option: { readonly series: readonly SeriesOption[]; readonly xAxis: { readonly data?: readonly string[] }; readonly yAxis: { readonly data?: readonly string[] } } | null;
  readonly state: string;
  readonly points: number;
  csv(): string | null;
}
declare global {
  interface Window { __dashboard?: { charts: Record<ChartName, Handle>; lang: string } }
}

describe('the dashboard\'s operations', () => {
  const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));

  it('are the four named operations, each valid against the composed schema', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(['ClearanceTimeSeries', 'ContainerCapacity', 'OverdueMilestones', 'RoutesBetweenProvinces']);
    for (const document of Object.values(OPERATIONS)) expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it('share their first chart\'s operation with the explorer, which saves it as a tab', () => {
    const source = readFileSync(join(REPO_ROOT, 'gateway/explorer/savedOperations.ts'), 'utf8');
    expect(source).toContain("from '../operations/dashboard/ClearanceTimeSeries.graphql'");
    expect(readOperationFiles().filter((o) => o.name === 'ClearanceTimeSeries').map((o) => o.file)).toEqual(['dashboard/ClearanceTimeSeries.graphql']);
  });
});


/** RFC 4180 rows (quoted fields, CRLF), after the byte order mark the page writes for spreadsheets. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

browserTest('the analysts\' dashboard in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yrd-dashboard-'));
  const downloads = mkdtempSync(join(tmpdir(), 'yrd-downloads-'));
  let platform: { url: string; child: ChildProcess };
  let browser: BrowserContext;
  let origin: string;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  /** An operation of the dashboard sent by the test itself, with the token the page gets. */
  async function answerOf<T>(name: string, variables: Record<string, unknown>): Promise<T> {
    const { token } = await (await fetch(`${origin}/explorer/config.json`)).json() as { token: string };
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: OPERATIONS[name], operationName: name, variables }),
    });
    const body = await response.json() as { data?: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  it('gives the embedded default\'s analyst token to this machine by a loopback name only, never to a rebound name', async () => {
    const configWithHost = (host: string) => new Promise<{ token: string | null }>((resolve, reject) => {
      const url = new URL(`${origin}/explorer/config.json`);
      httpGet({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
        res.on('end', () => resolve(JSON.parse(body) as { token: string | null }));
      }).on('error', reject);
    });
    expect((await configWithHost(new URL(origin).host)).token).toEqual(expect.any(String));
    expect((await configWithHost('rebound.example')).token).toBeNull();
    expect((await configWithHost(`localhost.rebound.example:${new URL(origin).port}`)).token).toBeNull();
  });

  const chart = (name: ChartName) => page.evaluate((n) => {
    const handle = window.__dashboard?.charts[n];
    return handle ? { option: handle.option, state: handle.state, points: handle.points, csv: handle.csv() } : null;
  }, name);

  beforeAll(async () => {
    platform = await startPlatform(dataDir);
    origin = new URL(platform.url).origin;
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yrd-chromium-')), {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 1100 }, acceptDownloads: true,
      downloadsPath: downloads,
      args: CHROMIUM_ARGS,
    });
    page = browser.pages()[0] ?? await browser.newPage();
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stopPlatform(platform);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  });

  it('is linked from the explorer, loads from the gateway alone, and draws every chart from its operation', async () => {
    await page.goto(`${origin}/explorer/`, { waitUntil: 'load' });
    const link = page.getByTestId('dashboard-link');
    await link.waitFor({ timeout: 30_000 });
    expect(await link.getAttribute('href')).toBe('/dashboard/');
    await page.goto(`${origin}/dashboard`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    const csp = (await page.request.get(`${origin}/dashboard/`)).headers()['content-security-policy'];
    expect(csp).toMatch(/^default-src 'self';/);
    // No socket to another host, and no other site may frame the page.
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");

    await page.waitForFunction((names) => names.every((n) => {
      const state = document.querySelector(`[data-testid="chart-${n}"]`)?.getAttribute('data-state');
      return state === 'ready' || state === 'error';
    }), CHARTS, { timeout: 30_000 });
    const states = Object.fromEntries(await Promise.all(CHARTS.map(async (n) => [n, await page.getByTestId(`chart-${n}`).getAttribute('data-state')] as const)));
    const notes = Object.fromEntries(await Promise.all(CHARTS.map(async (n) => [n, await page.getByTestId(`note-${n}`).textContent()] as const)));
    expect({ states, notes }).toEqual({ states: Object.fromEntries(CHARTS.map((n) => [n, 'ready'])), notes: expect.anything() });

    // Every chart plots something: each has a series with a value in it.
    for (const name of CHARTS) {
      const drawn = await chart(name);
      const values = (drawn?.option?.series ?? []).flatMap((s) => (s.data ?? []).filter((v) => v !== null && v !== undefined));
      expect([name, values.length > 0, (drawn?.points ?? 0) > 0]).toEqual([name, true, true]);
    }

    // The clearance chart: a line per province and the target dashed; gaps are nulls, never zeros for missing months.
    const clearance = await chart('clearance');
    expect(clearance?.option?.xAxis.data?.[0]).toBe('2024-01');
    expect(clearance?.option?.series.map((s) => s.name)).toEqual(expect.arrayContaining(['Zhejiang', 'Shanghai', 'Jiangsu', 'National target']));
    const hours = (clearance?.option?.series ?? []).flatMap((s) => s.data ?? []);
    expect(hours.filter((v) => v !== null && !(typeof v === 'number' && v > 0))).toEqual([]);

    // Zhejiang's container throughput in 2024-12 is a bar above zero, beside its design capacity a month.
    const capacity = await chart('capacity');
    const zhejiang = capacity?.option?.xAxis.data?.indexOf('Zhejiang') ?? -1;
    expect(zhejiang).toBeGreaterThanOrEqual(0);
    expect(capacity?.option?.series[0].data?.[zhejiang]).toBeGreaterThan(0);
    expect(capacity?.option?.series[1].data?.[zhejiang]).toBeGreaterThan(0);

    // The milestones' list beneath its chart.
    expect(await page.getByTestId('milestones-table').locator('tbody tr').count()).toBeGreaterThan(0);
  }, 90_000);

  it('downloads as CSV exactly what the operation answers', async () => {
    type Capacity = { regionalCapacity: { period: string; provinces: { province: string; throughputTeu: number; designCapacityTeu: number }[] } };
    const answer = await answerOf<Capacity>('ContainerCapacity', { period: '2024-12' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-capacity').click()]);
    expect(download.suggestedFilename()).toBe('container-capacity_2024-12.csv');
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(header).toEqual(['period', 'province', 'throughputTeu', 'designCapacityTeuPerMonth']);
    expect(rows.map((r) => r[1]).sort()).toEqual(answer.regionalCapacity.provinces.map((p) => p.province).sort());
    for (const p of answer.regionalCapacity.provinces) {
      const row = rows.find((r) => r[1] === p.province);
      expect(row?.[0]).toBe('2024-12');
      expect(Number(row?.[2])).toBe(p.throughputTeu);
      expect(Number(row?.[3])).toBeCloseTo(p.designCapacityTeu / 12, 6);
    }

    // The series' CSV too: one row a month, one column a province, then the target; an empty cell for a gap.
    type Series = { clearanceTimeSeries: { months: { period: string; provinces: { province: string; averageImportClearanceHours: number | null }[]; region: { target: { importClearanceHours: number | null } | null } }[] } };
    const series = await answerOf<Series>('ClearanceTimeSeries', { from: '2024-01', to: '2024-12' });
    const [seriesDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-clearance').click()]);
    const [seriesHeader, ...months] = parseCsv(readFileSync(await seriesDownload.path(), 'utf8'));
    expect(seriesHeader[0]).toBe('period');
    expect(seriesHeader[seriesHeader.length - 1]).toBe('region.target.importClearanceHours');
    expect(months.map((m) => m[0])).toEqual(series.clearanceTimeSeries.months.map((m) => m.period));
    series.clearanceTimeSeries.months.forEach((month, i) => {
      for (const p of month.provinces) {
        const cell = months[i][seriesHeader.indexOf(`${p.province}.averageImportClearanceHours`)];
        expect(cell === '' ? null : Number(cell)).toBe(p.averageImportClearanceHours);
      }
      const target = months[i][seriesHeader.length - 1];
      expect(target === '' ? null : Number(target)).toBe(month.region.target?.importClearanceHours ?? null);
    });

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-routes').click()]);
    expect(png.suggestedFilename()).toBe('routes_SEA.png');
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('speaks Chinese at a click, as text', async () => {
    await page.getByTestId('lang-zh').click();
    const capacity = await chart('capacity');
    expect(capacity?.option?.xAxis.data).toEqual(expect.arrayContaining(['浙江', '上海', '江苏']));
    const routes = await chart('routes');
    expect(routes?.option?.xAxis.data).toContain('浙江');
    expect(routes?.option?.yAxis.data).toContain('境外');
    expect((await chart('clearance'))?.option?.series.map((s) => s.name)).toContain('全国目标');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('浙江');
    expect(text).toContain('集装箱吞吐量与设计能力');

    // Sea and air routes together are every route the operation pages through (each with a destination).
    const counted = async () => parseCsv((await chart('routes'))?.csv ?? '').slice(1).reduce((n, row) => n + Number(row[3]), 0);
    const sea = await counted();
    await page.getByTestId('routes-AIR').click();
    const air = await counted();
    await page.getByTestId('routes-SEA').click();
    type Routes = { routes: { nodes: ({ destination: unknown } | null)[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    let total = 0;
    for (let after: string | null = null, more = true; more;) {
      const answer: Routes = await answerOf<Routes>('RoutesBetweenProvinces', { after });
      total += answer.routes.nodes.filter((n) => n?.destination).length;
      more = answer.routes.pageInfo.hasNextPage;
      after = answer.routes.pageInfo.endCursor;
    }
    expect([sea > 0, air > 0, sea + air]).toEqual([true, true, total]);

    mkdirSync(join(REPO_ROOT, 'test/artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  }, 30_000);

  it('asked no host but the gateway, and raised no error', () => {
    const elsewhere = requested.filter((url) => !url.startsWith('data:') && new URL(url.replace(/^blob:/, '')).host !== new URL(origin).host);
    expect(requested.length).toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});
