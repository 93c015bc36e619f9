import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU time (user + system) a process has used so far, in ms; null when it is gone or not on Linux. */
export function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Starts counting the CPU time of named processes; the result gives each one's ms over the interval. */
export function cpuMeter(pids: Readonly<Record<string, number | undefined>>) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  return () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => {
    const start = before[name];
    const end = cpuMs(pid);
    return [name, start === null || end === null ? null : end - start];
  }));
}

/** The id of a running process by its command name (the database server's, say), or undefined. */
export function pidOf(...names: readonly string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}
