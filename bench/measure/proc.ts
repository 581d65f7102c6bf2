/** What Linux's /proc says about a process: its CPU time, its memory, its children. Null or empty elsewhere. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * CPU time (user + system, in seconds) a process and its live descendants have used so far, from `/proc/<pid>/stat`
 * (Prism does its work in a child process); null off Linux or once the process is gone.
 */
export function cpuSeconds(pid: number, depth = 0): number | null {
  let own: number;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields are counted from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    own = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
  if (depth >= 3) return own;
  // Gone, or no children file: its own time is all there is.
  const children = childPidsOf(pid);
  return children.reduce((sum, child) => sum + (cpuSeconds(child, depth + 1) ?? 0), own);
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** VmRSS and VmHWM of a process from `/proc/<pid>/status`, in kB; null off Linux or once the process is gone. */
export function readMemoryKb(pid: number): { rssKb: number | null; hwmKb: number | null } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : null;
  };
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** The processes a process has forked, from `/proc/<pid>/task/<tid>/children`; empty off Linux or once it is gone. */
export function childPidsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      const list = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      return list ? list.split(/\s+/).map(Number) : [];
    });
  } catch {
    return [];
  }
}

/**
 * Resets the process's VmHWM to its current VmRSS (`echo 5 > /proc/<pid>/clear_refs`, Linux ≥ 4.0, allowed for our
 * own children), so that a later VmHWM is the exact peak since now. False when the kernel refuses it.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
