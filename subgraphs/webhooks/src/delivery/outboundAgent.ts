import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { bareHost, isBlockedAddress, type OutboundPolicy } from './outboundAddress';

/** Raised when a name resolves, or a socket connects, only to addresses a delivery may not reach. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_BLOCKED_ADDRESS';
}

/**
 * An undici Agent for deliveries: every address a name resolves to is checked as the connection is made (so a DNS
 * answer cannot turn a registered name inward after the check at registration), and the connected socket's peer is
 * checked again (an address literal skips the lookup). Hosts on the allow-list are not checked.
 */
export function outboundAgent(policy: OutboundPolicy, options: { connectTimeoutMs?: number } = {}): Agent {
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const allowed = policy.allowedHosts.has(bareHost(hostname));
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = allowed ? addresses : addresses.filter((a) => !isBlockedAddress(a.address));
      if (!usable.length) return callback(new BlockedAddressError(`${hostname} resolves to no public address`), '', 0);
      // Node asks for every address when it tries them in turn (autoSelectFamily), else for one.
      if (lookupOptions.all) (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, usable);
      else callback(null, usable[0].address, usable[0].family);
    });
  };
  const connect = buildConnector({ lookup, timeout: options.connectTimeoutMs ?? 5_000 });
  return new Agent({
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    connect(connectOptions, callback) {
      connect(connectOptions, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        const peer = (socket as Socket).remoteAddress ?? '';
        if (!policy.allowedHosts.has(bareHost(connectOptions.hostname)) && isBlockedAddress(peer)) {
          socket.destroy();
          return callback(new BlockedAddressError(`${connectOptions.hostname} connected to a non-public address`), null);
        }
        callback(null, socket);
      });
    },
  });
}
