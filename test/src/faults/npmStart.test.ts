import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvinceRegistry } from '@yrd/domain';
import { loadAuthenticator } from '@yrd/service';
import { bearer, eventually, startPlatform, type StartedPlatform } from '../harness';

const PORTS = '{ ports(first: 100) { totalCount nodes { code province } } }';
type Answer = { data?: { ports?: { nodes: { province: string }[] } } | null; errors?: { extensions?: Record<string, unknown> }[] };

/** npm start as a user runs it: every service its own process, on the embedded default. */
describe('npm start keeps the platform up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yrd-npm-start-'));
  let platform: StartedPlatform;
  let headers: Record<string, string>;
  const ask = async (): Promise<Answer> => (await fetch(platform.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: PORTS }),
  })).json() as Promise<Answer>;
  const provincesIn = (answer: Answer) => new Set(answer.data?.ports?.nodes.map((p) => p.province));

  beforeAll(async () => {
    platform = await startPlatform(dataDir);
    // The platform runs on its development key (startPlatform removes the tests' own): a token signed with it.
    const authenticator = loadAuthenticator(dataDir, new ProvinceRegistry().codes, { ...process.env, JWT_SECRET: undefined, WEBHOOK_TOKEN_SECRET: undefined });
    headers = bearer(await authenticator.issue({ subject: 'analyst', role: 'analyst' }));
  }, 60_000);
  afterAll(async () => {
    const exited = new Promise((resolve) => platform.child.once('exit', resolve));
    platform.child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a province killed with kill -9, the others answering meanwhile, and it answers again', async () => {
    expect(provincesIn(await ask())).toEqual(new Set(['ZHEJIANG', 'SHANGHAI', 'JIANGSU']));
    const killed = platform.pids.zhejiang;
    process.kill(killed, 'SIGKILL');
    // Down: the others' ports, and an error naming Zhejiang; the gateway and the region stay up.
    await eventually(() => platform.output.some((l) => /^zhejiang\s+exited with SIGKILL: restarting in 1 s/.test(l)), 5000, 'the restart announced');
    const partial = await ask();
    expect(provincesIn(partial)).toEqual(new Set(['SHANGHAI', 'JIANGSU']));
    expect(partial.errors?.map((e) => e.extensions?.subgraph)).toEqual(['zhejiang']);
    // Back within seconds, as a new process, and answering.
    await eventually(() => platform.output.some((l) => /^zhejiang\s+ready again at/.test(l)), 10_000, 'Zhejiang started again');
    expect(platform.pids.zhejiang).not.toBe(killed);
    const whole = await ask();
    expect(whole.errors).toBeUndefined();
    expect(provincesIn(whole)).toEqual(new Set(['ZHEJIANG', 'SHANGHAI', 'JIANGSU']));
  }, 60_000);
});
