/** Why the server was asked to stop: a signal's name, or that its parent process went away. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'parent exited';

const ORPHAN_POLL_MS = 250;

/**
 * Calls `stop` once, on the first of: SIGINT (Ctrl-C), SIGTERM (`kill <pid>`, `kill %1`), or, when npm, npx,
 * yarn or pnpm started this process, its parent going away.
 *
 * Why the last one: `npm start` runs the script through `sh -c`, and killing npm's PID (what `npm start &` then
 * `kill $!` does) makes npm pass SIGTERM on to that shell, which dies of it without passing it on; the server was
 * left running with init as its parent, holding the port (dash, Debian's sh, does not exec the command). So the
 * server watches its parent: the shell exiting reparents it (process.ppid changes), and it stops as on SIGTERM.
 * [INF] Only under a package manager (it sets npm_lifecycle_event / npm_command, which pnpm and yarn set too):
 * `nohup partner-sandbox serve &` or a service manager must keep a server whose parent exits.
 * [INF] SIGHUP is left alone: a handler would override the ignore `nohup` sets.
 * After the first request, the handlers are removed: a second Ctrl-C stops at once, without draining.
 */
export function onStopRequest(stop: (reason: StopReason) => void, env: NodeJS.ProcessEnv = process.env): void {
  let watch: NodeJS.Timeout | undefined;
  const request = (reason: StopReason) => {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    clearInterval(watch);
    stop(reason);
  };
  const onSigint = () => request('SIGINT');
  const onSigterm = () => request('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);

  const parent = process.ppid;
  // A parent of 1 already is init (or a container's first process): nothing to outlive.
  if (startedByPackageManager(env) && parent > 1) {
    watch = setInterval(() => {
      if (process.ppid !== parent) request('parent exited');
    }, ORPHAN_POLL_MS);
    // The server keeps the process alive; this timer must not.
    watch.unref();
  }
}

export function startedByPackageManager(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.npm_lifecycle_event || env.npm_command);
}
