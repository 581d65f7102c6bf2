import { homedir } from 'node:os';
import path from 'node:path';

export interface DefaultTlsDirOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * Where `--tls` keeps its CA when no `--tls-dir` is given: the user's configuration folder, so the CA a user
 * trusted once survives `npm ci`, a new `npx` cache and a new checkout, which a folder under node_modules or the
 * package would not. [INF]
 */
export function defaultTlsDir(options: DefaultTlsDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'partner-sandbox', 'tls');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'partner-sandbox', 'tls');
  // A relative XDG_CONFIG_HOME is to be ignored. [SRC: XDG Base Directory Specification]
  const xdg = env.XDG_CONFIG_HOME;
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config'), 'partner-sandbox', 'tls');
}
