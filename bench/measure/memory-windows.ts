/**
 * Peak RSS over a stretch of the run (a case, a soak): each serving process's kernel high-water mark is reset at the
 * stretch's start and read at its end. Per case, this makes a case's peak its own, not the whole run's (where the
 * state-growing create case would set the sandbox's figure for every case).
 */
import type { CasePeak, ServerKind } from '../types.js';
import { childPidsOf, readMemoryKb, resetPeakRss } from './proc.js';
import type { RunningServer } from './servers.js';

/** `prism:<api>` or `prism-silent:<api>`: a Prism CLI process (its worker serves). */
export const isPrismLabel = (label: string) => /^prism(-silent)?:/.test(label);

/** One process whose memory a figure covers. */
export interface MemoryProcess {
  /** `sandbox`, `replica-<n>`, `prism:<api>` (the process answering HTTP) or `prism:<api> cli`. */
  label: string;
  pid: number;
  /** `cli`: Prism's parent process, which only prints the logs its worker sends it. */
  role: 'server' | 'cli';
}

/**
 * The processes that hold a server's memory. `startPrism` runs Prism with NODE_ENV=production, which turns on its
 * `--multiprocess` default: the CLI process forks one worker that answers HTTP and pipes its logs back. Prism's
 * figure is then the worker's (the process that serves, as the sandbox's one process does) and the CLI is listed
 * beside it; the RssSampler of a Prism server (the whole-run figure) watches the CLI process only.
 */
export function memoryProcesses(server: RunningServer): MemoryProcess[] {
  const children = isPrismLabel(server.label) ? childPidsOf(server.pid) : [];
  return children.length === 1
    ? [
        { label: server.label, pid: children[0], role: 'server' },
        { label: `${server.label} cli`, pid: server.pid, role: 'cli' },
      ]
    : [{ label: server.label, pid: server.pid, role: 'server' }];
}

/**
 * One process's memory over a stretch of the run (a case, a soak): its high-water mark is reset at the start, so
 * VmHWM at the end is the exact peak of the stretch; VmRSS is also sampled every 250 ms, the fallback when the reset
 * is refused (then `exact` is false).
 */
export class MemoryWindow {
  readonly exact: boolean;
  /** VmRSS when the window opened. */
  readonly startKb: number | null;
  private maxKb: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly proc: MemoryProcess) {
    this.exact = resetPeakRss(proc.pid);
    this.startKb = this.rssKb();
    this.timer = setInterval(() => this.rssKb(), 250);
    this.timer.unref();
  }

  /** VmRSS now (counted in the sampled maximum). */
  rssKb(): number | null {
    const kb = readMemoryKb(this.proc.pid)?.rssKb ?? null;
    if (kb !== null) this.maxKb = Math.max(this.maxKb ?? 0, kb);
    return kb;
  }

  /** Stops sampling; the peak is VmHWM if the reset worked, else the highest VmRSS sampled. */
  finish(): { peakKb: number | null; exact: boolean; maxSampledKb: number | null; startKb: number | null } {
    clearInterval(this.timer);
    const now = readMemoryKb(this.proc.pid);
    if (now?.rssKb != null) this.maxKb = Math.max(this.maxKb ?? 0, now.rssKb);
    return { peakKb: this.exact ? (now?.hwmKb ?? null) : this.maxKb, exact: this.exact, maxSampledKb: this.maxKb, startKb: this.startKb };
  }
}

/**
 * Opens a window on each of a server's memory processes. The server's own RssSampler takes a sample first, so the
 * high-water mark the reset is about to drop is kept in its whole-run peak.
 */
export function openMemoryWindows(server: RunningServer): MemoryWindow[] {
  server.rss.sampleNow();
  return memoryProcesses(server).map((p) => new MemoryWindow(p));
}

/** The memory windows one kind of server (one process, every replica, or one Prism) has open for one case. */
export class CaseWindows {
  private readonly windows: MemoryWindow[];
  private readonly beforeMeasuredKb = new Map<MemoryWindow, number | null>();

  constructor(
    readonly kind: ServerKind,
    servers: RunningServer[],
  ) {
    this.windows = servers.flatMap(openMemoryWindows);
  }

  /** VmRSS of each process just before the case's first measured run (after its warm-up and reset); later calls do nothing. */
  beforeMeasured(): void {
    if (this.beforeMeasuredKb.size) return;
    for (const w of this.windows) this.beforeMeasuredKb.set(w, w.rssKb());
  }

  finish(): CasePeak[] {
    return this.windows.map((w) => ({
      label: w.proc.label,
      server: this.kind,
      role: w.proc.role,
      pid: w.proc.pid,
      ...w.finish(),
      beforeMeasuredKb: this.beforeMeasuredKb.get(w) ?? null,
    }));
  }
}
