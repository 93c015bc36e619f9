import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

/**
 * A network of a test's own between "hosts": one Linux network namespace per host, each with a veth link onto one
 * bridge and an address of its own in a private /24, and nothing else (no default route: a host reaches the other
 * hosts and the test, nothing beyond). The bridge lives in a namespace of its own, so the machine's firewall never
 * sees the hosts' traffic; the test process reaches them through one more veth link, whose end here holds the
 * subnet's .1 (the only route this machine gains). cut(host) takes a host's link down at the bridge, as a pulled
 * cable would; restore(host) brings it back. removeAll() kills what ran on the hosts and deletes every namespace and
 * link made, also those a crashed run of this harness left (their names carry the pid of the run that made them).
 * Needs root, iproute2 and, for the tests that balance with it, HAProxy.
 */

const IP = '/usr/sbin/ip';
export const HAPROXY = '/usr/sbin/haproxy';
/** Namespaces are yrdn<pid>-<host>, the bridge's yrdn<pid>-br; links in this namespace yrdn<pid>... */
const PREFIX = 'yrdn';
const OWN = `${PREFIX}${process.pid}`;

const run = promisify(execFile);
const ip = async (...args: string[]) => (await run(IP, args, { timeout: 10_000 })).stdout;
/**
 * IPv6 off in a namespace (and on the interfaces it holds): a link would otherwise send neighbour discovery and router
 * solicitations to multicast addresses of its own accord. The hosts speak IPv4 on their /24, nothing else.
 */
const noIpv6 = (namespace: string) => ip('netns', 'exec', namespace, 'sysctl', '-q', '-w',
  'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');

export interface NetworkHost {
  readonly name: string;
  /** Its network namespace (ip netns exec <ns> ...). */
  readonly namespace: string;
  /** Its address on the test's network. */
  readonly address: string;
}

/** A process running on a host. */
export interface HostProcess {
  readonly process: ChildProcess;
  readonly pid: number | undefined;
  /** Its last lines of output (stdout and stderr), for a failure's message. */
  readonly output: readonly string[];
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
  /** Sends `signal` (default SIGKILL: as a crash) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A service on a host that printed its `ready` line (runService), with the URL it printed. */
export interface HostService extends HostProcess {
  readonly url: string;
}

export interface Network {
  /** The first three octets of the network's /24, e.g. 10.213.57. */
  readonly subnet: string;
  /** The test process's own address on it (the .1). */
  readonly testAddress: string;
  host(name: string): NetworkHost;
  readonly hosts: readonly NetworkHost[];
  /**
   * Runs `command` on `host`, with this process's environment and `env` over it (an empty value removes the variable);
   * stopped by removeAll().
   */
  run(host: string, command: string, args: readonly string[], env?: Record<string, string>): HostProcess;
  /**
   * Runs a service's script (node) on `host`, listening on the host's address (HOST), and resolves once it prints its
   * `ready` line; rejects with its `fatal` line, its exit, or after `timeoutMs`.
   */
  startService(host: string, script: string, args: readonly string[], env: Record<string, string>, timeoutMs?: number): Promise<HostService>;
  /** Takes the host's link down at the bridge: nothing reaches it, nothing leaves it. */
  cut(host: string): Promise<void>;
  restore(host: string): Promise<void>;
  /** Routes in each host's namespace (to check that none leads beyond the network). */
  routes(host: string): Promise<string>;
  /** Kills every process still running on the hosts, then deletes every namespace and link made. Never throws. */
  removeAll(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Why this machine cannot build a test network, or null when it can: the tests skip with this message. Checks root,
 * iproute2, HAProxy, and that a namespace can be added and deleted (a container without CAP_SYS_ADMIN cannot).
 */
export function namespaceProblem(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'building network namespaces needs root';
  if (!existsSync(IP)) return `no ${IP} (iproute2)`;
  if (!existsSync(HAPROXY)) return `no ${HAPROXY} (Debian's haproxy package)`;
  const probe = `${OWN}-probe`;
  try {
    execFileSync(IP, ['netns', 'add', probe], { stdio: 'pipe', timeout: 10_000 });
    execFileSync(IP, ['-n', probe, 'link', 'add', 'probe0', 'type', 'bridge'], { stdio: 'pipe', timeout: 10_000 });
  } catch (error) {
    return `ip netns add failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  } finally {
    try {
      execFileSync(IP, ['netns', 'del', probe], { stdio: 'pipe', timeout: 10_000 });
    } catch {
      // It was never made.
    }
  }
  return null;
}

export const canMakeNamespaces = () => namespaceProblem() === null;

/** Namespaces and links a run of this harness that is no longer alive left behind: their processes killed, deleted. */
/** Kills every process still in namespace `ns`, then deletes it (and with it its end of each veth link). */
async function removeNamespace(ns: string): Promise<void> {
  const pids = (await ip('netns', 'pids', ns).catch(() => '')).split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  await ip('netns', 'del', ns).catch(() => undefined);
}

async function removeLeftovers(): Promise<void> {
  const deadOwner = (name: string) => {
    const match = new RegExp(`^${PREFIX}(\\d+)`).exec(name);
    return match !== null && Number(match[1]) !== process.pid && !alive(Number(match[1]));
  };
  const namespaces = (await ip('netns', 'list')).split('\n').map((line) => line.split(' ')[0]).filter(Boolean);
  // What the dead run started on its hosts: ours to end.
  for (const ns of namespaces.filter(deadOwner)) await removeNamespace(ns);
  const links = (await ip('-o', 'link', 'show')).split('\n').map((line) => /^\d+:\s+([^:@]+)/.exec(line)?.[1]).filter((n): n is string => !!n);
  for (const link of links.filter(deadOwner)) await ip('link', 'del', link).catch(() => undefined);
}

/** A 10.213.<n>.0/24 that no route or address of this machine touches (another run's network included). */
/** An IPv4 address as a number. */
const ipv4 = (address: string) => address.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** Every IPv4 prefix this machine routes or holds (any table), as [first, last] address numbers; `default` is not one. */
async function routedRanges(): Promise<[number, number][]> {
  const text = `${await ip('-4', 'route', 'show', 'table', 'all')}\n${await ip('-4', '-o', 'addr', 'show')}`;
  return [...text.matchAll(/\b(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?\b/g)].map(([, address, bits]) => {
    const size = 2 ** (32 - Number(bits ?? 32));
    const first = Math.floor(ipv4(address) / size) * size;
    return [first, first + size - 1] as [number, number];
  });
}

/** A 10.213.<n>.0/24 that overlaps no prefix this machine routes or holds (a 10.0.0.0/8 over a VPN, say). */
async function freeSubnet(): Promise<string> {
  const taken = await routedRanges();
  for (let i = 0; i < 200; i++) {
    const n = 20 + ((process.pid + i) % 200);
    const first = ipv4(`10.213.${n}.0`);
    if (!taken.some(([from, to]) => from <= first + 255 && first <= to)) return `10.213.${n}`;
  }
  throw new Error('no 10.213.<n>.0/24 free of this machine\'s routes for the test network');
}

/** Follows a host's process: its exit, and its output line by line (read always, so that no pipe fills and blocks it). */
function track(name: string, child: ChildProcess, onLine?: (line: string) => void): HostProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  // A failure to spawn shows as an exit: the caller sees it through `exited` or its ready line never coming.
  child.once('error', () => undefined);
  const output: string[] = [];
  const keep = (line: string) => {
    // YRD_VERBOSE=1 shows every host's log beside the test's.
    if (process.env.YRD_VERBOSE) console.log(`[${name}] ${line}`);
    output.push(line);
    if (output.length > 20) output.shift();
    onLine?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', keep);
  return {
    process: child, exited, output,
    get pid() { return child.pid; },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Builds the network: the bridge's namespace, then one namespace per host in `hostNames`, each host at .10, .11, ...
 * in the order given. On any failure it removes what it made and throws.
 */
export async function createNetwork(hostNames: readonly string[]): Promise<Network> {
  await removeLeftovers();
  const subnet = await freeSubnet();
  const bridgeNs = `${OWN}-br`;
  const made: string[] = [];
  const testLink = `${OWN}t`;
  const processes = new Set<HostProcess>();
  const hosts: NetworkHost[] = hostNames.map((name, i) => ({ name, namespace: `${OWN}-${name}`, address: `${subnet}.${10 + i}` }));
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const find = (name: string) => {
    const host = byName.get(name);
    if (!host) throw new Error(`no host ${name} on the test network`);
    return host;
  };

  const removeAll = async () => {
    await Promise.all([...processes].map((p) => p.kill('SIGKILL').catch(() => undefined)));
    processes.clear();
    // Deleting a namespace deletes its end of each veth link, and with it the other end.
    for (const ns of made.reverse()) await removeNamespace(ns);
    made.length = 0;
    await ip('link', 'del', testLink).catch(() => undefined);
  };

  try {
    await ip('netns', 'add', bridgeNs);
    made.push(bridgeNs);
    await noIpv6(bridgeNs);
    await ip('-n', bridgeNs, 'link', 'set', 'lo', 'up');
    // No spanning tree and no forwarding delay: a port that comes back up forwards at once.
    await ip('-n', bridgeNs, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
    await ip('-n', bridgeNs, 'link', 'set', 'br0', 'up');
    // The test's own link: its end here holds the .1, the other end is a port of the bridge.
    await ip('link', 'add', testLink, 'type', 'veth', 'peer', 'name', `${OWN}u`);
    await run('/usr/sbin/sysctl', ['-q', '-w', `net.ipv6.conf.${testLink}.disable_ipv6=1`], { timeout: 10_000 });
    await ip('link', 'set', `${OWN}u`, 'netns', bridgeNs);
    await ip('-n', bridgeNs, 'link', 'set', `${OWN}u`, 'name', 'test', 'master', 'br0', 'up');
    await ip('addr', 'add', `${subnet}.1/24`, 'dev', testLink);
    await ip('link', 'set', testLink, 'up');
    for (const [i, host] of hosts.entries()) {
      await ip('netns', 'add', host.namespace);
      made.push(host.namespace);
      await noIpv6(host.namespace);
      await ip('-n', host.namespace, 'link', 'set', 'lo', 'up');
      const inside = `${OWN}h${i}`;
      const atBridge = `${OWN}p${i}`;
      await ip('link', 'add', inside, 'type', 'veth', 'peer', 'name', atBridge);
      await ip('link', 'set', inside, 'netns', host.namespace);
      await ip('link', 'set', atBridge, 'netns', bridgeNs);
      await ip('-n', host.namespace, 'link', 'set', inside, 'name', 'eth0');
      await ip('-n', host.namespace, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0');
      await ip('-n', host.namespace, 'link', 'set', 'eth0', 'up');
      // The bridge's port is named after the host (cut and restore act on it).
      await ip('-n', bridgeNs, 'link', 'set', atBridge, 'name', host.name, 'master', 'br0', 'up');
    }
  } catch (error) {
    await removeAll();
    throw error;
  }

  const runOn = (name: string, command: string, args: readonly string[], env: Record<string, string> = {},
    onLine?: (line: string) => void): HostProcess => {
    const host = find(name);
    const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [key, value] of Object.entries(env)) if (value === '') delete merged[key];
    const child = spawn(IP, ['netns', 'exec', host.namespace, command, ...args], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    const tracked = track(name, child, onLine);
    processes.add(tracked);
    void tracked.exited.then(() => processes.delete(tracked));
    return tracked;
  };

  return {
    subnet, testAddress: `${subnet}.1`, hosts,
    host: find,
    run: runOn,
    startService(name, script, args, env, timeoutMs = 30_000) {
      const host = find(name);
      return new Promise<HostService>((resolve, reject) => {
        const errors: string[] = [];
        // Set below, in this same tick: the child's lines arrive later, as events.
        let onLine: (line: string) => void = () => undefined;
        const started = runOn(name, process.execPath, [script, ...args], { ...env, HOST: host.address }, (line) => onLine(line));
        const timer = setTimeout(() => {
          void started.kill();
          reject(new Error(`${script} on ${name} was not ready within ${timeoutMs} ms: ${started.output.slice(-3).join(' ')}`));
        }, timeoutMs);
        onLine = (line) => {
          if (line.includes('"level":"fatal"')) errors.push(line);
          if (!line.includes('"msg":"ready"')) return;
          let url: string;
          try {
            ({ url } = JSON.parse(line) as { url: string });
          } catch {
            return;
          }
          clearTimeout(timer);
          resolve({ process: started.process, pid: started.pid, output: started.output, exited: started.exited, kill: started.kill, url });
        };
        void started.exited.then(() => {
          clearTimeout(timer);
          const child = started.process;
          reject(new Error(`${script} on ${name} exited (${child.exitCode ?? child.signalCode}) before it was ready: ${[...errors, ...started.output].slice(-3).join(' ')}`));
        });
      });
    },
    async cut(name) {
      await ip('-n', bridgeNs, 'link', 'set', find(name).name, 'down');
    },
    async restore(name) {
      await ip('-n', bridgeNs, 'link', 'set', find(name).name, 'up');
    },
    routes: async (name) => ip('-n', find(name).namespace, 'route', 'show', 'table', 'all'),
    removeAll,
  };
}
