import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { inSpan, startTracing, stopTracing } from '@yrd/service';
import { allowedHostsFrom, endpointUrl, isBlockedAddress } from './outboundAddress';
import { outboundAgent } from './outboundAgent';
import { deliverEvent } from './deliverEvent';
import { retryDelayMs, retryScheduleFrom } from './retrySchedule';
import { newWebhookSecret } from './webhookSigning';

/** A receiver on loopback that answers each request with `answer`, keeping what it got. */
async function receiver(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (path = '/hook') => new URL(`http://127.0.0.1:${port}${path}`), port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const TESTS = { production: false, allowedHosts: allowedHostsFrom('127.0.0.1') };

describe('an endpoint URL', () => {
  const refused = (url: string, policy = TESTS) => () => endpointUrl(url, policy);
  it('is refused with the reason for a private, loopback, link-local or metadata address, credentials, http in production', () => {
    const strict = { production: false, allowedHosts: allowedHostsFrom(undefined) };
    for (const url of ['http://127.0.0.1/h', 'http://10.1.2.3/h', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/h',
      'http://[::ffff:127.0.0.1]/h', 'http://2130706433/h', 'http://0x7f.1/h', 'http://192.168.1.1/h', 'http://[fd00::1]/h']) {
      expect(refused(url, strict)).toThrow(/loopback, private, link-local or metadata/);
    }
    expect(refused('https://user:pw@partner.example/h')).toThrow(/credentials/);
    expect(refused('http://partner.example/h', { ...TESTS, production: true })).toThrow(/must be https/);
    expect(refused('ftp://partner.example/h')).toThrow(/must be https or http/);
    expect(refused(`https://partner.example/${'x'.repeat(3000)}`)).toThrow(/at most 2048/);
    expect(refused('not a url')).toThrow(/not a URL/);
  });

  it('is accepted for a public https address, and for an allowed host whatever its address', () => {
    expect(endpointUrl('https://partner.example/hooks?x=1', { production: true, allowedHosts: new Set() }).host).toBe('partner.example');
    expect(endpointUrl('http://127.0.0.1:9/h', TESTS).port).toBe('9');
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect(isBlockedAddress('not-an-address')).toBe(true);
  });
});

describe('a delivery', () => {
  const agent = outboundAgent(TESTS);
  afterAll(() => agent.close());

  it('is signed so that the receiver verifies it with the current secret, and during a rotation with the old one too', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const target = await receiver((_req, res) => res.writeHead(204).end());
    try {
      const attempt = await deliverEvent(agent, { url: target.url(), id: 'evt_1', payload: '{"data":{"n":1}}', secrets: [current, previous] });
      expect(attempt).toMatchObject({ outcome: 'DELIVERED', status: 204, error: null });
      const [{ headers, body }] = target.received;
      const signed = { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) };
      expect(new Webhook(current).verify(body, signed)).toEqual({ data: { n: 1 } });
      expect(new Webhook(previous).verify(body, signed)).toEqual({ data: { n: 1 } });
      expect(() => new Webhook(newWebhookSecret()).verify(body, signed)).toThrow();
      expect(signed['webhook-id']).toBe('evt_1');
    } finally {
      await target.close();
    }
  });

  it('follows no redirect, reads at most 64 KB of an answer, and tells 410 Gone from a failure to retry', async () => {
    const target = await receiver((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else if (req.url === '/gone') res.writeHead(410).end();
      else if (req.url === '/huge') res.writeHead(500).end('x'.repeat(5 * 1024 * 1024));
      else res.writeHead(200).end();
    });
    try {
      const send = (path: string) => deliverEvent(agent, { url: target.url(path), id: 'evt_2', payload: '{}', secrets: [newWebhookSecret()] });
      expect(await send('/moved')).toMatchObject({ outcome: 'FAILED', status: 302 });
      expect(target.received.map((r) => r.body)).toHaveLength(1);
      expect(await send('/gone')).toMatchObject({ outcome: 'GONE', status: 410 });
      const huge = await send('/huge');
      expect(huge).toMatchObject({ outcome: 'FAILED', status: 500 });
      expect(huge.responseExcerpt.length).toBeLessThanOrEqual(1000);
    } finally {
      await target.close();
    }
  });

  it('gives up on a receiver that does not answer in time, and on one that refuses the connection', async () => {
    const silent = await receiver(() => undefined);
    try {
      const late = await deliverEvent(agent, { url: silent.url(), id: 'evt_3', payload: '{}', secrets: [newWebhookSecret()] }, { timeoutMs: 300 });
      expect(late).toMatchObject({ outcome: 'FAILED', status: null, error: 'timed out' });
    } finally {
      await silent.close();
    }
    const refused = await deliverEvent(agent, { url: silent.url(), id: 'evt_4', payload: '{}', secrets: [newWebhookSecret()] });
    expect(refused).toMatchObject({ outcome: 'FAILED', status: null, error: 'ECONNREFUSED' });
  });

  it('never connects to a name that resolves to loopback unless the name is allowed', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end());
    const strict = outboundAgent({ production: false, allowedHosts: new Set() });
    try {
      // "localhost" passes the URL check (a name), and is caught when it resolves, before any byte is sent.
      const url = new URL(`http://localhost:${target.port}/hook`);
      const blocked = await deliverEvent(strict, { url, id: 'evt_5', payload: '{}', secrets: [newWebhookSecret()] });
      expect(blocked).toMatchObject({ outcome: 'FAILED', status: null, error: 'ERR_BLOCKED_ADDRESS' });
      // An address literal skips the lookup: the connected peer is checked instead.
      const literal = await deliverEvent(strict, { url: target.url(), id: 'evt_6', payload: '{}', secrets: [newWebhookSecret()] });
      expect(literal).toMatchObject({ outcome: 'FAILED', status: null, error: 'ERR_BLOCKED_ADDRESS' });
      expect(target.received).toHaveLength(0);
    } finally {
      await strict.close();
      await target.close();
    }
  });
});

describe('the retry schedule', () => {
  it('waits each step with jitter of at most 20 %, repeating the last, and reads the configured one', () => {
    const schedule = retryScheduleFrom('5s,5m,30m,2h,5h,10h');
    expect(schedule).toEqual([5e3, 300e3, 1800e3, 7200e3, 18000e3, 36000e3]);
    expect(retryDelayMs(1, schedule, () => 0.5)).toBe(5e3);
    expect(retryDelayMs(2, schedule, () => 0)).toBe(240e3);
    expect(retryDelayMs(2, schedule, () => 1)).toBe(360e3);
    expect(retryDelayMs(50, schedule, () => 0.5)).toBe(36000e3);
    expect(() => retryScheduleFrom('5 parsecs')).toThrow(/number and a unit/);
    expect(() => retryScheduleFrom('200h')).toThrow(/at most a week/);
  });
});

describe('a traced delivery', () => {
  const agent = outboundAgent(TESTS);
  afterAll(async () => {
    await agent.close();
    await stopTracing();
  });

  it('carries the W3C traceparent of its trace, so that a receiver that traces continues it', async () => {
    startTracing('webhooks', {});
    const target = await receiver((_req, res) => res.writeHead(204).end());
    try {
      const sent = await inSpan('webhook delivery', { root: true }, async (span) => {
        await deliverEvent(agent, { url: target.url(), id: 'evt_t', payload: '{}', secrets: [newWebhookSecret()] });
        return span.spanContext();
      });
      expect(target.received[0].headers.traceparent).toBe(`00-${sent.traceId}-${sent.spanId}-00`);
    } finally {
      await target.close();
    }
  });
});
