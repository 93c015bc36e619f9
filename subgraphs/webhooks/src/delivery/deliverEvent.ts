import { performance } from 'node:perf_hooks';
import { request, type Agent } from 'undici';
import { SpanKind, childSpan, withTraceContext } from '@yrd/service';
import { signDelivery } from './webhookSigning';

/** The most of a receiver's answer read (kept for the delivery log), whatever it sends. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const DELIVERY_TIMEOUT_MS = 10_000;

export type AttemptOutcome = 'DELIVERED' | 'FAILED' | 'GONE';

export interface Attempt {
  readonly outcome: AttemptOutcome;
  /** The receiver's HTTP status; null when none came (refused, timed out, blocked). */
  readonly status: number | null;
  readonly durationMs: number;
  /** Why it failed, in a few words; null when delivered. */
  readonly error: string | null;
  /** The start of the receiver's answer, at most 1,000 characters. */
  readonly responseExcerpt: string;
}

export interface Delivery {
  readonly url: URL;
  /** The event's id: the same on every retry. */
  readonly id: string;
  readonly payload: string;
  /** The endpoint's secrets: the current one first, the previous one during a rotation's grace period. */
  readonly secrets: readonly string[];
}

/** Reads at most MAX_RESPONSE_BYTES of a body, then lets the rest go. */
async function excerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    parts.push(chunk);
    bytes += chunk.length;
    if (bytes >= MAX_RESPONSE_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(parts).subarray(0, MAX_RESPONSE_BYTES).toString('utf8').slice(0, 1000);
}

/**
 * One signed POST of one event (Standard Webhooks). 2xx is delivered; 410 Gone says the endpoint is gone for good; any
 * other answer, a redirect (never followed), a refusal or a timeout is a failure to retry. In a traced delivery, the
 * POST is a CLIENT span and carries its W3C `traceparent`, so a receiver that traces continues the trace.
 */
export function deliverEvent(agent: Agent, delivery: Delivery, options: { timeoutMs?: number; now?: Date } = {}): Promise<Attempt> {
  const attributes = () => ({ 'http.request.method': 'POST', 'server.address': delivery.url.hostname, 'url.scheme': delivery.url.protocol.replace(':', '') });
  return childSpan('POST', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const attempt = await post(agent, delivery, options);
    if (attempt.status !== null) span?.setAttribute('http.response.status_code', attempt.status);
    if (attempt.error) span?.setAttribute('error.type', attempt.error);
    return attempt;
  });
}

async function post(agent: Agent, delivery: Delivery, options: { timeoutMs?: number; now?: Date }): Promise<Attempt> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const headers = withTraceContext({
    'content-type': 'application/json', 'user-agent': 'yrd-webhooks/1', ...signDelivery(delivery.id, options.now ?? new Date(), delivery.payload, delivery.secrets),
  });
  try {
    const res = await request(delivery.url, {
      method: 'POST', dispatcher: agent, headers, body: delivery.payload,
      signal: AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
    });
    const responseExcerpt = await excerpt(res.body);
    const outcome: AttemptOutcome = res.statusCode >= 200 && res.statusCode < 300 ? 'DELIVERED' : res.statusCode === 410 ? 'GONE' : 'FAILED';
    return { outcome, status: res.statusCode, durationMs: took(), error: outcome === 'FAILED' ? `HTTP ${res.statusCode}` : null, responseExcerpt };
  } catch (error) {
    // The abort is a DOMException (TimeoutError), not an Error; a socket's failure carries its code (ECONNREFUSED).
    const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
    const reason = name === 'TimeoutError' ? 'timed out' : code ?? message ?? String(error);
    return { outcome: 'FAILED', status: null, durationMs: took(), error: reason.slice(0, 200), responseExcerpt: '' };
  }
}
