import type { ChildProcess } from 'node:child_process';

const STOP_GRACE_MS = 5_000;

/** Every child this run started, so that an error, SIGINT or exit never leaves one behind. */
export class ChildTracker {
  private readonly children = new Set<ChildProcess>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly cleanups = new Set<() => void>();
  /** Children the others depend on (Redis, which the replicas use), stopped once the others have. */
  private readonly stopLast = new WeakSet<ChildProcess>();

  add(child: ChildProcess, options: { stopLast?: boolean } = {}): void {
    this.children.add(child);
    if (options.stopLast) this.stopLast.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** A start whose child is not known yet (`startPrism` hands it over only once Prism listens). */
  track<T>(starting: Promise<T>): Promise<T> {
    this.pending.add(starting);
    const forget = () => this.pending.delete(starting);
    starting.then(forget, forget);
    return starting;
  }

  /** Something synchronous to do once the children are gone (a temp dir to remove); runs at most once. */
  cleanup(fn: () => void): () => void {
    const once = () => {
      if (!this.cleanups.delete(once)) return;
      try {
        fn();
      } catch {
        // best effort: a temp dir left behind is not worth failing the run for
      }
    };
    this.cleanups.add(once);
    return once;
  }

  /** Synchronous, for `process.on('exit')`: SIGKILL whatever is still running, then the clean-ups. */
  killAllNow(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const fn of [...this.cleanups]) fn();
  }

  /**
   * Waits for pending starts (each bounded by its own timeout), then stops every child: the sandboxes and Prism
   * first, Redis (which they use) last.
   */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    const last = (c: ChildProcess) => this.stopLast.has(c);
    await Promise.allSettled([...this.children].filter((c) => !last(c)).map((c) => stopChild(c)));
    await Promise.allSettled([...this.children].filter(last).map((c) => stopChild(c)));
    for (const fn of [...this.cleanups]) fn();
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The last few KB a child printed, for error messages. */
export function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const onData = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4096);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => tail;
}
