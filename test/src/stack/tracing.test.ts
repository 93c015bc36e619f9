import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { provinceServices, ProvinceRegistry } from '@yrd/domain';
import { analyst, eventually, startPlatformProcesses, testDatabase, type PlatformProcesses, type TestDatabase } from '../harness';

/** One span as an OTLP/HTTP JSON export carries it, with its service's name. */
interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Record<string, unknown>;
}

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
interface OtlpAttribute { key: string; value: OtlpValue }
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }[] }[];
  }[];
}

const SPAN_KIND = { SERVER: 2, CLIENT: 3 };
/** OTLP's JSON encodes ids as hex; base64 (protobuf's JSON mapping) is read too. */
const hex = (id: string | undefined) => (!id ? '' : /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex'));
const valueOf = (v: OtlpValue) => v.stringValue ?? v.boolValue ?? v.doubleValue ?? (v.intValue === undefined ? undefined : Number(v.intValue));
const attributesOf = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** An OTLP/HTTP receiver on loopback (POST /v1/traces, JSON): what every service exports, span by span. */
function otlpReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; exports: () => number }> {
  const spans: ReceivedSpan[] = [];
  let exports = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      exports++;
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as OtlpExport;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const span of (resourceSpans.scopeSpans ?? []).flatMap((s) => s.spans ?? [])) {
          spans.push({
            service, traceId: hex(span.traceId), spanId: hex(span.spanId), parentSpanId: hex(span.parentSpanId),
            name: span.name, kind: span.kind, attributes: attributesOf(span.attributes),
          });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, spans, exports: () => exports });
  }));
}

const PROVINCES = provinceServices().map((s) => s.code);
const SERVICES = ['gateway', 'region', ...PROVINCES.map((p) => new ProvinceRegistry().names(p).field)];

describe('traces (OpenTelemetry, exported over OTLP)', () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let platform: PlatformProcesses;
  let db: TestDatabase;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    db = testDatabase();
    // The services' processes take these from the environment they start with.
    const saved = { endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, delay: process.env.OTEL_BSP_SCHEDULE_DELAY };
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
    try {
      platform = await startPlatformProcesses(db);
    } finally {
      for (const [key, value] of [['OTEL_EXPORTER_OTLP_ENDPOINT', saved.endpoint], ['OTEL_BSP_SCHEDULE_DELAY', saved.delay]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
  afterAll(async () => {
    await platform?.stop();
    await db?.drop(PROVINCES);
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('one cross-province query is one trace, from the client through all five services down to each SQL statement, correctly parented', async () => {
    // The client's own trace and span: everything the platform does for its query continues them.
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...analyst, traceparent: `00-${traceId}-${clientSpanId}-01`, 'x-trace': 'true' },
      body: JSON.stringify({
        operationName: 'PortsAcrossProvinces',
        query: `query PortsAcrossProvinces { ports(first: 30) { totalCount nodes { code province nameEn terminals(first: 3) { nodes { nameEn } } } } }`,
      }),
    });
    const body = await res.json() as { data?: { ports: { nodes: { province: string }[] } }; errors?: unknown; extensions?: { traceId?: string } };
    expect(body.errors).toBeUndefined();
    expect(new Set(body.data?.ports.nodes.map((p) => p.province))).toEqual(new Set(PROVINCES));
    // Asked for with x-trace: the trace the answer belongs to.
    expect(body.extensions?.traceId).toBe(traceId);

    const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    // Every service exports its spans within its batch delay once they end.
    const servicesOf = (spans: readonly ReceivedSpan[]) => [...new Set(spans.map((s) => s.service))].sort();
    await eventually(() => servicesOf(ofTrace()).length === SERVICES.length, 10_000, 'spans from every service').catch(() => undefined);
    // Late batches: a service's last spans end after the answer left it.
    await new Promise((r) => setTimeout(r, 1000));
    const spans = ofTrace();
    expect(servicesOf(spans)).toEqual([...SERVICES].sort());

    // A tree: one root, the gateway's span for the operation, whose parent is the client's span; every other span's
    // parent is a span of the same trace.
    const ids = new Set(spans.map((s) => s.spanId));
    expect(ids.size).toBe(spans.length);
    const roots = spans.filter((s) => !ids.has(s.parentSpanId));
    expect(roots.map((s) => [s.service, s.name, s.kind, s.parentSpanId])).toEqual([['gateway', 'query PortsAcrossProvinces', SPAN_KIND.SERVER, clientSpanId]]);
    expect(roots[0].attributes['graphql.document.hash']).toMatch(/^[0-9a-f]{64}$/);
    // Where a service was called, its span's parent is the caller's client span, in another service.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const server of spans.filter((s) => s.kind === SPAN_KIND.SERVER && s !== roots[0])) {
      const caller = byId.get(server.parentSpanId);
      expect([server.service, caller?.kind]).toEqual([server.service, SPAN_KIND.CLIENT]);
      expect(caller?.service).not.toBe(server.service);
    }
    // Ancestry within and across services: the gateway plans and fetches, the region pushes down to every province.
    const names = (service: string) => spans.filter((s) => s.service === service).map((s) => s.name);
    expect(names('gateway')).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch', 'POST']));
    for (const province of PROVINCES) expect(names('region')).toContain(`push-down ${province.toLowerCase()}`);
    // Each province's statements, each with its SQL text, under what ran it in that province: a resolver, a
    // DataLoader batch, or the operation itself (a connection's totalCount, resolved lazily).
    for (const service of SERVICES.slice(2)) {
      const statements = spans.filter((s) => s.service === service && typeof s.attributes['db.query.text'] === 'string');
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.attributes['db.query.text']).toMatch(/^\s*SELECT /i);
        const parent = byId.get(statement.parentSpanId);
        expect([parent?.service, parent?.name]).toEqual([service, expect.stringMatching(/^(resolve |dataloader |query )/)]);
      }
      expect(spans.filter((s) => s.service === service).map((s) => s.name)).toEqual(expect.arrayContaining([
        `resolve ${service[0].toUpperCase()}${service.slice(1)}Office.ports`, 'dataloader terminalsByPort',
      ]));
    }
  });

  it('without a traceparent, the gateway starts the trace and every service continues it', async () => {
    const before = receiver.spans.length;
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', ...analyst },
      body: JSON.stringify({ query: '{ routes(first: 5, filter: { provinces: [SHANGHAI] }) { nodes { id origin { nameEn } } } }', extensions: { trace: true } }),
    });
    const body = await res.json() as { errors?: unknown; extensions?: { traceId?: string } };
    expect(body.errors).toBeUndefined();
    const traceId = body.extensions?.traceId ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const services = () => new Set(receiver.spans.slice(before).filter((s) => s.traceId === traceId).map((s) => s.service));
    const continued = ['gateway', 'region', 'shanghai'];
    const rootsOf = () => receiver.spans.filter((s) => s.traceId === traceId && !s.parentSpanId);
    // The gateway's root span ends after its answer has left, so it may come in a later batch than its children.
    await eventually(() => continued.every((s) => services().has(s)) && rootsOf().length > 0, 10_000, 'spans from the gateway (its root too), the region and Shanghai')
      .catch(() => undefined);
    expect([...services()]).toEqual(expect.arrayContaining(continued));
    const roots = rootsOf();
    expect(roots.map((s) => [s.service, s.kind])).toEqual([['gateway', SPAN_KIND.SERVER]]);
  });
});
