import { provinceServices } from '@yrd/domain';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyst, REPO_ROOT, startPlatformProcesses, testDatabase, type PlatformProcesses } from '../harness';

const PRELOAD = join(REPO_ROOT, 'test/dist/network/refuseNonLoopback.js');

describe('nothing leaves the intranet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-network-'));
  const logFile = join(dir, 'attempts.jsonl');
  const attempts = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; target: string }) : []);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the trap sees a connection to another host and a DNS lookup', () => {
    const probe = join(dir, 'probe.log');
    execFileSync(process.execPath, ['--require', PRELOAD, '-e', `
      require('node:dns').lookup('example.org', () => {});
      fetch('http://203.0.113.7/').catch(() => {});
      setTimeout(() => {}, 200);`], { env: { ...process.env, NETWORK_LOG: probe }, timeout: 10_000 });
    const seen = readFileSync(probe, 'utf8');
    expect(seen).toContain('"dns.lookup"');
    expect(seen).toContain('203.0.113.7');
  });

  it('the trap catches a plain @apollo/gateway probing cloud metadata services when nothing turns it off', () => {
    const probe = join(dir, 'plain-gateway.log');
    execFileSync(process.execPath, ['--require', PRELOAD, '-e', `
      delete process.env.APOLLO_TELEMETRY_DISABLED;
      const { ApolloGateway } = require('@apollo/gateway');
      const gateway = new ApolloGateway({ supergraphSdl: require('node:fs').readFileSync('supergraph.graphql', 'utf8') });
      gateway.load().then(() => setTimeout(() => gateway.stop().then(() => process.exit(0)), 4000));`],
    { cwd: join(REPO_ROOT, 'gateway'), env: { ...process.env, NETWORK_LOG: probe, APOLLO_TELEMETRY_DISABLED: '' }, timeout: 20_000, stdio: 'ignore' });
    expect(readFileSync(probe, 'utf8')).toMatch(/169\.254\.169\.254|100\.100\.100\.200|metadata\.google\.internal/);
  }, 30_000);

  it('the gateway and every subgraph open no connection beyond loopback and look up no name, starting and answering', async () => {
    const db = testDatabase();
    // Whatever the environment says, the services must turn Apollo's reporting and probes off themselves.
    const saved = { telemetry: process.env.APOLLO_TELEMETRY_DISABLED, options: process.env.NODE_OPTIONS, log: process.env.NETWORK_LOG };
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    process.env.NODE_OPTIONS = `--require ${PRELOAD}`;
    process.env.NETWORK_LOG = logFile;
    let platform: PlatformProcesses | null = null;
    try {
      platform = await startPlatformProcesses(db);
      const res = await fetch(platform.gatewayUrl, {
        method: 'POST', headers: { 'content-type': 'application/json', ...analyst },
        body: JSON.stringify({ query: '{ ports(first: 50) { nodes { code province nameEn terminals { nodes { nameEn } } } } routes(filter: { provinces: [SHANGHAI] }) { nodes { id destination { code nameEn } } } changeCursor }' }),
      });
      const body = await res.json() as { data?: { ports: { nodes: unknown[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.ports.nodes.length).toBeGreaterThan(10);
      // Apollo's usage reporting would send its first report within seconds.
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      await platform?.stop();
      await db.drop(provinceServices().map((s) => s.code));
      for (const [key, value] of [['APOLLO_TELEMETRY_DISABLED', saved.telemetry], ['NODE_OPTIONS', saved.options], ['NETWORK_LOG', saved.log]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(attempts()).toEqual([]);
  }, 60_000);
});
