/**
 * Preloaded (node --require) into a service under test: refuses every connection to a host other than loopback and
 * every DNS lookup, and appends each attempt, with its stack, to the file NETWORK_LOG as one JSON line.
 */
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const log = process.env.NETWORK_LOG;
const record = (kind: string, target: string) => {
  if (log) appendFileSync(log, `${JSON.stringify({ pid: process.pid, kind, target, stack: new Error().stack?.split('\n').slice(2, 8) })}\n`);
};
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number; path?: string } | number | string;
  const host = typeof options === 'object' && options !== null ? options.host ?? (options.path ? 'unix-socket' : 'localhost')
    : typeof options === 'number' ? (typeof args[1] === 'string' ? args[1] : 'localhost') : 'unix-socket';
  if (host !== 'unix-socket' && !LOOPBACK.test(host)) {
    record('connect', `${host}:${typeof options === 'object' ? options.port : options}`);
    process.nextTick(() => this.destroy(new Error(`connection to ${host} refused by the test`)));
    return this;
  }
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;

// An address written as an IP is "looked up" without asking anyone (server.listen does this): only names are refused.
const refuseLookup = (kind: string, original: unknown) => function lookup(this: unknown, hostname: unknown, ...rest: unknown[]) {
  if (typeof hostname === 'string' && net.isIP(hostname) && typeof original === 'function') {
    return (original as (...a: unknown[]) => unknown).call(this, hostname, ...rest);
  }
  record(kind, String(hostname));
  const callback = rest.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined;
  const error = Object.assign(new Error(`lookup of ${String(hostname)} refused by the test`), { code: 'ENOTFOUND' });
  if (callback) process.nextTick(() => callback(error));
  else return Promise.reject(error);
  return undefined;
};
const patchable = dns as unknown as Record<string, unknown>;
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt', 'resolveSrv']) {
  const promises = dns.promises as unknown as Record<string, unknown>;
  patchable[name] = refuseLookup(`dns.${name}`, patchable[name]);
  promises[name] = refuseLookup(`dns.promises.${name}`, promises[name]);
}
