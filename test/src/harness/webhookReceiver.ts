import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One POST a receiver got, and what it made of it. */
export interface ReceivedDelivery {
  readonly path: string;
  /** webhook-id: the same on every retry of one event. */
  readonly id: string;
  readonly body: string;
  /** The secrets (of those registered for its path) whose signature verified, by position. */
  readonly verifiedWith: number[];
  /** The status answered; null while none was (held, or its sender went away first). */
  status: number | null;
  /** Its sender closed the connection before the answer (killed mid-delivery). */
  dropped: boolean;
}

/** How the receiver answers: a status, or (`hold`) a promise it waits for first. */
export type Answer = { status: number; hold?: Promise<void> };

export interface WebhookReceiver {
  url(path: string): string;
  /** Every request, in arrival order. */
  readonly received: ReceivedDelivery[];
  /** The deliveries answered 2xx at `path`, in order, their bodies parsed. */
  accepted(path: string): { id: string; payload: unknown }[];
  /** Secrets to verify `path`'s deliveries with (standardwebhooks); an unverified delivery is answered 401. */
  trust(path: string, secrets: readonly string[]): void;
  /** What to answer now (default 204). */
  answer: (delivery: ReceivedDelivery) => Answer;
  /** The most requests one path had in flight at once. */
  maxInFlight(path: string): number;
  /** Stops listening: connections are refused until accept(). */
  refuse(): Promise<void>;
  accept(): Promise<void>;
  close(): Promise<void>;
}

/** A webhook receiver on loopback that verifies every signature with the standardwebhooks package. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const secrets = new Map<string, readonly string[]>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const sockets = new Set<Socket>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    maxInFlight.set(path, Math.max(maxInFlight.get(path) ?? 0, inFlight.get(path) ?? 0));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      };
      const verifiedWith = (secrets.get(path) ?? []).flatMap((secret, i) => {
        try {
          new Webhook(secret).verify(body, headers);
          return [i];
        } catch {
          return [];
        }
      });
      const delivery: ReceivedDelivery = { path, id: headers['webhook-id'], body, verifiedWith, status: null, dropped: false };
      received.push(delivery);
      req.socket.once('close', () => { if (!res.writableEnded) delivery.dropped = true; });
      const answer = verifiedWith.length ? receiver.answer(delivery) : { status: 401 };
      await answer.hold;
      inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
      // A sender that went away meanwhile (killed) never hears the answer: not accepted.
      if (delivery.dropped || res.destroyed || req.socket.destroyed) return;
      delivery.status = answer.status;
      res.writeHead(answer.status).end();
    });
  };
  let server: Server = createServer(handle);
  const listen = (port: number) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const track = () => server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  track();
  const port = await listen(0);
  const stop = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  const receiver: WebhookReceiver = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    accepted: (path) => received.filter((r) => r.path === path && r.status !== null && r.status >= 200 && r.status < 300)
      .map((r) => ({ id: r.id, payload: JSON.parse(r.body) as unknown })),
    trust: (path, given) => { secrets.set(path, given); },
    answer: () => ({ status: 204 }),
    maxInFlight: (path) => maxInFlight.get(path) ?? 0,
    refuse: stop,
    async accept() {
      server = createServer(handle);
      track();
      await listen(port);
    },
    close: stop,
  };
  return receiver;
}
