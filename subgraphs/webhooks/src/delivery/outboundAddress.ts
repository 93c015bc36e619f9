import { BlockList, isIP } from 'node:net';
import { badInput } from '@yrd/domain';

/**
 * Addresses a delivery may never reach unless its host is allowed by name: loopback, private, shared (CGNAT),
 * link-local (cloud metadata at 169.254.169.254), unspecified, unique-local and the IPv6 forms that embed IPv4.
 * BlockList matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 rules itself.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], ['::1', 128], ['64:ff9b::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) BLOCKED.addSubnet(network, prefix, 'ipv6');

/** True when `address` is not a public unicast address (or not an address at all: fail closed). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  return family === 0 || BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface OutboundPolicy {
  /** Production accepts https only. */
  readonly production: boolean;
  /** Hosts (names or addresses, lower case) delivered to whatever they resolve to: tests and intranet receivers. */
  readonly allowedHosts: ReadonlySet<string>;
}

/** WEBHOOK_ALLOWED_HOSTS: a comma-separated list of host names or addresses. */
export const allowedHostsFrom = (value: string | undefined): ReadonlySet<string> =>
  new Set((value ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));

export const MAX_ENDPOINT_URL_CHARS = 2048;

/** A host name without IPv6 brackets, in lower case, as the address checks and the allow-list read it. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/**
 * An endpoint URL a delivery may be sent to, or BAD_USER_INPUT saying why not. The address a name resolves to is
 * checked again when connecting (outboundAgent), since a DNS answer can change after registration.
 */
export function endpointUrl(value: string, policy: OutboundPolicy, field = 'url'): URL {
  if (value.length > MAX_ENDPOINT_URL_CHARS) throw badInput(field, `must be at most ${MAX_ENDPOINT_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(field, 'is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.production)) {
    throw badInput(field, policy.production ? 'must be https' : 'must be https or http');
  }
  if (url.username || url.password) throw badInput(field, 'must not carry credentials: the signature authenticates each delivery');
  if (url.hash) throw badInput(field, 'must not have a fragment');
  const host = bareHost(url.hostname);
  if (isIP(host) && isBlockedAddress(host) && !policy.allowedHosts.has(host)) {
    throw badInput(field, 'is a loopback, private, link-local or metadata address: deliveries go to public addresses only');
  }
  return url;
}
