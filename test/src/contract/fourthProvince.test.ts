import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ProvinceRegistry, readProvinceServices } from '@yrd/domain';
import { loadAuthenticator, type TokenRequest } from '@yrd/service';
import { bearer, childEnv, REPO_ROOT, startPlatform, stopPlatform, subscribe, type StartedPlatform, type Subscriber } from '../harness';

const run = promisify(execFile);
const ANHUI_FOLDER = join(REPO_ROOT, 'test/fixtures/anhui');

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** The repository's own files (tracked, and new ones not ignored): what a clone holds, without builds or installs. */
async function sourceFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, maxBuffer: 16 << 20 });
  return stdout.split('\0').filter((f) => f && existsSync(join(REPO_ROOT, f)));
}

/**
 * A fourth province by its folder alone: a copy of the repository with an Anhui folder added (real UN/LOCODEs from
 * the reference list, a small seed), built and started as a user does, with no other file touched.
 */
describe('a fourth province added by a folder only', () => {
  const copy = mkdtempSync(join(tmpdir(), 'yrd-anhui-'));
  const dataDir = join(copy, '.data');
  let files: string[];
  let platform: StartedPlatform;
  let tokenFor: (claims: TokenRequest) => Promise<Record<string, string>>;
  const gql = async (query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<Answer> =>
    (await fetch(platform.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
    })).json() as Promise<Answer>;
  const ok = <T>(answer: Answer): T => {
    expect(answer.errors).toBeUndefined();
    return answer.data as T;
  };

  beforeAll(async () => {
    files = await sourceFiles();
    for (const file of files) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(copy, file));
    }
    // The installed packages, hard-linked (instant, no space); the workspace links inside are relative, so they point into the copy.
    const { stdout } = await run('find', ['.', '-maxdepth', '3', '-name', 'node_modules', '-type', 'd', '-prune'], { cwd: REPO_ROOT });
    for (const folder of stdout.split('\n').filter(Boolean)) {
      // Only the copied packages' (not, say, the bench's tools under .data/, which is not part of the copy).
      if (existsSync(join(copy, dirname(folder)))) await run('cp', ['-al', join(REPO_ROOT, folder), join(copy, folder)]);
    }
    cpSync(ANHUI_FOLDER, join(copy, 'subgraphs/anhui'), { recursive: true });
    await run('npm', ['run', 'build', '--silent'], { cwd: copy, env: childEnv({ TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false' }), timeout: 300_000, maxBuffer: 64 << 20 });
    platform = await startPlatform(dataDir, copy);
    const codes = readProvinceServices(join(copy, 'subgraphs')).map((s) => s.code);
    // The copy runs on its own development key, under its data folder.
    const authenticator = loadAuthenticator(dataDir, codes, { ...process.env, JWT_SECRET: undefined, WEBHOOK_TOKEN_SECRET: undefined });
    tokenFor = async (claims) => bearer(await authenticator.issue(claims));
  }, 420_000);
  afterAll(async () => {
    await stopPlatform(platform);
    rmSync(copy, { recursive: true, force: true });
  }, 30_000);

  it('needs no file but its folder: the copy\'s registry has four provinces, every other file as it was', () => {
    expect(readProvinceServices(join(copy, 'subgraphs')).map((s) => [s.code, s.subdivision, s.defaultPort]))
      .toEqual([...new ProvinceRegistry().provinces.map((p) => [p.code, p.subdivision, p.defaultPort]), ['ANHUI', 'AH', 4005]]);
    const changed = () => files.filter((f) => !readFileSync(join(copy, f)).equals(readFileSync(join(REPO_ROOT, f))));
    expect(changed()).toEqual([]);
  });

  it('has its deployment files generated from the folders: compose, its database user and its Kubernetes objects', async () => {
    const generate = (...args: string[]) => run(process.execPath, [join(copy, 'docker/dist/bin/generate.js'), ...args], { cwd: copy });
    await expect(generate('--check')).rejects.toThrow(/not as generated/);
    await generate();
    await generate('--check');
    const changed = files.filter((f) => !readFileSync(join(copy, f)).equals(readFileSync(join(REPO_ROOT, f))));
    expect(changed.every((f) => f.startsWith('docker/'))).toBe(true);
    const text = (file: string) => readFileSync(join(copy, file), 'utf8');
    expect(text('docker/docker-compose.yml')).toMatch(/^ {2}anhui:$/m);
    expect(text('docker/docker-compose.yml')).toContain('mysql://yrd_anhui:${ANHUI_DB_PASSWORD:?set ANHUI_DB_PASSWORD}@mariadb:3306');
    expect(text('docker/mariadb-init/10-province-users.sh')).toMatch(/\banhui\b/);
    expect(text('docker/kubernetes/4-services.yaml')).toMatch(/^ {2}name: anhui$/m);
    expect(text('docker/kubernetes/2-databases.yaml')).toMatch(/^ {2}name: anhui-db$/m);
  });

  it('answers a cross-province query over four provinces, Anhui\'s ports with their real codes', async () => {
    const analyst = await tokenFor({ subject: 'analyst', role: 'analyst' });
    const data = ok<{
      ports: { totalCount: number; nodes: { code: string; province: string }[] };
      anhui: { ports: { nodes: { code: string; nameZh: string }[] } };
    }>(await gql('{ ports(first: 100) { totalCount nodes { code province } } anhui { ports(first: 10) { nodes { code nameZh } } } }', analyst));
    expect(new Set(data.ports.nodes.map((p) => p.province))).toEqual(new Set(['ZHEJIANG', 'SHANGHAI', 'JIANGSU', 'ANHUI']));
    expect(data.ports.nodes).toHaveLength(data.ports.totalCount);
    const anhuiPorts = data.ports.nodes.filter((p) => p.province === 'ANHUI').map((p) => p.code).sort();
    expect(anhuiPorts).toEqual(['CNHFE', 'CNMAA', 'CNWHI']);
    expect(data.anhui.ports.nodes.map((p) => p.code).sort()).toEqual(anhuiPorts);
    // Each is in the UN/LOCODE reference list, administered by Anhui.
    const registry = new ProvinceRegistry();
    for (const code of anhuiPorts) expect(registry.directory.get(code)?.administeredBy).toBe('ANHUI');
  });

  it('carries Anhui\'s office\'s commitment to an initiative that names it, and a subscription sees changes from all four', async () => {
    const [zj, sh, js, ah, partner] = await Promise.all([
      tokenFor({ subject: 'clerk@zhejiang', role: 'office', province: 'ZHEJIANG' }),
      tokenFor({ subject: 'clerk@shanghai', role: 'office', province: 'SHANGHAI' }),
      tokenFor({ subject: 'clerk@jiangsu', role: 'office', province: 'JIANGSU' }),
      tokenFor({ subject: 'clerk@anhui', role: 'office', province: 'ANHUI' }),
      tokenFor({ subject: 'partner-system', role: 'partner' }),
    ]);
    const { changeCursor: cursor } = ok<{ changeCursor: string }>(await gql('{ changeCursor }', partner));
    const events: Subscriber = subscribe(platform.url, 'subscription ($after: String) { initiativeChanged(after: $after) { province recordId kind } }',
      { after: cursor }, { headers: partner });
    try {
      ok(await gql(`mutation { zhejiang { proposeInitiative(input: { id: "ZJ-AH-1", title: "Wuhu to Ningbo sea-river through clearance",
        category: COORDINATION, partners: [ANHUI, SHANGHAI], startOn: "2026-12-01",
        milestones: [{ title: "Joint procedure agreed", due: "2027-03-31", responsibleUnit: "Ningbo Customs" }] }) { changeCursor } } }`, zj));
      ok(await gql(`mutation { anhui { commitToInitiative(input: { initiativeId: "ZJ-AH-1", lead: ZHEJIANG,
        summary: "Wuhu port declares once for the through voyage", responsibleUnit: "Hefei Customs (Wuhu Customs)" }) { changeCursor } } }`, ah));
      ok(await gql(`mutation { shanghai { commitToInitiative(input: { initiativeId: "ZJ-AH-1", lead: ZHEJIANG,
        summary: "Yangshan releases transhipped containers", responsibleUnit: "Shanghai Customs" }) { changeCursor } } }`, sh));
      ok(await gql(`mutation { jiangsu { proposeInitiative(input: { id: "JS-AH-1", title: "Nanjing to Ma'anshan river feeder",
        category: COORDINATION, partners: [ANHUI], startOn: "2026-12-01",
        milestones: [{ title: "Feeder schedule agreed", due: "2027-06-30", responsibleUnit: "Nanjing Customs" }] }) { changeCursor } } }`, js));

      const initiatives = ok<{
        zhejiang: { initiatives: { nodes: { id: string; partners: string[]; pendingPartners: string[]; commitments: { id: string; status: string }[] }[] } };
      }>(await gql('{ zhejiang { initiatives(first: 100) { nodes { id partners pendingPartners commitments { id status } } } } }', partner));
      expect(initiatives.zhejiang.initiatives.nodes.find((i) => i.id === 'ZJ-AH-1')).toEqual({ id: 'ZJ-AH-1',
        partners: ['ANHUI', 'SHANGHAI'], pendingPartners: [],
        commitments: [{ id: 'ZHEJIANG:ZJ-AH-1:ANHUI', status: 'COMMITTED' }, { id: 'ZHEJIANG:ZJ-AH-1:SHANGHAI', status: 'COMMITTED' }],
      });
      // One event from each province's feed (the region merges four feeds; their relative order is the poll's).
      const received = await events.waitFor(4, 15_000);
      const byProvince = (a: { province: string }, b: { province: string }) => a.province.localeCompare(b.province);
      expect(received.map((r) => r.data?.initiativeChanged as { province: string }).sort(byProvince)).toEqual([
        { province: 'ANHUI', recordId: 'ZHEJIANG:ZJ-AH-1:ANHUI', kind: 'CREATED' },
        { province: 'JIANGSU', recordId: 'JS-AH-1', kind: 'CREATED' },
        { province: 'SHANGHAI', recordId: 'ZHEJIANG:ZJ-AH-1:SHANGHAI', kind: 'CREATED' },
        { province: 'ZHEJIANG', recordId: 'ZJ-AH-1', kind: 'CREATED' },
      ]);
      await new Promise((r) => setTimeout(r, 500));
      expect(events.received).toHaveLength(4);
    } finally {
      await events.close();
    }
  }, 60_000);
});
