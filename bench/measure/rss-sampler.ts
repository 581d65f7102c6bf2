import { childPidsOf, readMemoryKb } from './proc.js';

export interface RssSummary {
  /**
   * The kernel's high-water mark for the process (VmHWM): its true peak. The highest VmHWM read, since the per-case
   * figures reset the mark (a sample is taken just before every reset, so the whole-run peak survives them).
   */
  peakKb: number | null;
  /** The highest VmRSS seen in the 250 ms samples. */
  maxSampledKb: number | null;
  firstKb: number | null;
  lastKb: number | null;
  samples: number;
  /** VmRSS once per second, in kB: to see whether memory is flat. */
  timelineKb: number[];
  /** Child processes the server had at some sample (its RSS does not include theirs). */
  childPids: number[];
}

/** Samples `/proc/<pid>/status` every 250 ms (Linux; elsewhere every figure stays null). */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private ticks = 0;
  private summary: RssSummary = { peakKb: null, maxSampledKb: null, firstKb: null, lastKb: null, samples: 0, timelineKb: [], childPids: [] };

  constructor(private readonly pid: number) {
    this.sample(true);
    this.timer = setInterval(() => this.sample(true), 250);
    this.timer.unref();
  }

  /** An extra sample between the timer's (before a high-water-mark reset); not part of the per-second timeline. */
  sampleNow(): void {
    this.sample(false);
  }

  private sample(tick: boolean): void {
    const mem = readMemoryKb(this.pid);
    if (!mem) return;
    const s = this.summary;
    if (mem.hwmKb !== null) s.peakKb = Math.max(s.peakKb ?? 0, mem.hwmKb);
    if (mem.rssKb !== null) {
      s.maxSampledKb = Math.max(s.maxSampledKb ?? 0, mem.rssKb);
      s.firstKb ??= mem.rssKb;
      s.lastKb = mem.rssKb;
      if (tick && this.ticks % 4 === 0) s.timelineKb.push(mem.rssKb);
    }
    if (tick) this.ticks += 1;
    s.samples += 1;
    for (const c of childPidsOf(this.pid)) if (!s.childPids.includes(c)) s.childPids.push(c);
  }

  stop(): RssSummary {
    clearInterval(this.timer);
    this.sample(false);
    return this.result();
  }

  result(): RssSummary {
    return { ...this.summary, timelineKb: [...this.summary.timelineKb], childPids: [...this.summary.childPids] };
  }
}
