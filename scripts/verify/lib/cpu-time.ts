import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) used so far by this process and by its child processes that have ended (and their own
 * ended children, as each waited for them): what a step of `npm test` costs the machine whatever else runs on it,
 * where wall time on a shared machine is inflated by the other loads.
 *
 * This process's own time is `process.cpuUsage()`. Node has no API for its children's: on Linux they are the
 * `cutime` and `cstime` fields (14th–17th of `/proc/self/stat`, clock ticks of `sysconf(_SC_CLK_TCK)`, 100 on every
 * Linux ABI Node supports; proc(5)). Elsewhere only this process's time is counted (`children: false`).
 */
export function cpuSeconds(): { seconds: number; children: boolean } {
  const own = process.cpuUsage();
  const ownSeconds = (own.user + own.system) / 1e6;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name, field 3 (state) is index 0, so field N is index N - 3: cutime (16) and cstime (17).
    const ticks = Number(fields[13]) + Number(fields[14]);
    if (!Number.isFinite(ticks)) return { seconds: ownSeconds, children: false };
    return { seconds: ownSeconds + ticks / 100, children: true };
  } catch {
    return { seconds: ownSeconds, children: false };
  }
}
