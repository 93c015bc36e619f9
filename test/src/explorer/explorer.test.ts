/// <reference lib="dom" />
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, REPO_ROOT, startPlatform, stopPlatform } from '../harness';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(REPO_ROOT, 'test/artifacts/explorer.png');
// Debian's chromium (installed by .ci/run); without it, a developer's machine skips this file, CI never does.
const browserTest = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
if (!existsSync(CHROMIUM) && !process.env.CI) console.warn(`skipping the explorer browser test: no ${CHROMIUM} (apt-get install chromium)`);


browserTest('the analysts\' explorer in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yrd-explorer-'));
  let platform: { url: string; child: ChildProcess };
  let browser: BrowserContext;
  beforeAll(async () => {
    platform = await startPlatform(dataDir);
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yrd-chromium-')), {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stopPlatform(platform);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens from /, runs a saved cross-province operation with its own token, and asks no other host', async () => {
    const origin = new URL(platform.url).origin;
    const page = browser.pages()[0] ?? await browser.newPage();
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith(origin.replace(/^http/, 'ws')) && !/^(data|blob):/.test(url)) elsewhere.push(url);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/explorer/');
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.waitForSelector('.graphiql-query-editor .monaco-editor', { timeout: 30_000 });

    // The saved operations are tabs; this one adds up each province's container terminals.
    await page.getByRole('tab', { name: /ContainerCapacityByProvince/ }).click();
    await page.waitForFunction(() => (document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes('regionalCapacity'));
    await page.waitForTimeout(300);
    const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes('ContainerCapacityByProvince'));
    await page.click('.graphiql-execute-button');
    type Totals = { terminalCount: number };
    const body = await (await answered).json() as { data?: { regionalCapacity: { provinces: (Totals & { province: string })[]; region: Totals } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.regionalCapacity.provinces.map((p) => p.province).sort()).toEqual(['JIANGSU', 'SHANGHAI', 'ZHEJIANG']);
    expect(body.data?.regionalCapacity.region.terminalCount).toBe(body.data?.regionalCapacity.provinces.reduce((n, p) => n + p.terminalCount, 0));
    // And the answer is on the page (Monaco renders the lines in view).
    await page.waitForFunction(() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('ZHEJIANG'), null, { timeout: 10_000 });

    mkdirSync(join(REPO_ROOT, 'test/artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
