import { InvalidArgumentError } from 'commander';
import { asLogLevel, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../logger.js';

/** Option parsers shared by the commands: each throws commander's InvalidArgumentError, printed as one line. */

export function parseHeaders(headers: string[]): Record<string, string> {
  return Object.fromEntries(
    headers.map((h) => {
      const at = h.indexOf(':');
      if (at < 1) throw new InvalidArgumentError(`a header looks like 'Name: value', not "${h}"`);
      return [h.slice(0, at).trim().toLowerCase(), h.slice(at + 1).trim()];
    }),
  );
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return port;
}

/**
 * `--host`/HOST: a name or an address, resolved when the server listens (an unknown name is reported then).
 * Refused here: what is plainly no host, such as a URL (`HOST=http://0.0.0.0`) or a blank.
 */
export function parseHost(value: string): string {
  if (!/^[^\s/]+$/.test(value)) throw new InvalidArgumentError('a host is a name or an IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)');
  return value;
}

/** `--store`/SANDBOX_STORE: checked here, instead of failing after the 5 s Redis connection timeout. */
export function parseStore(value: string): string {
  if (value === 'memory') return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    throw new InvalidArgumentError('a store is memory or a Redis URL such as redis://127.0.0.1:6379/0 (rediss:// for TLS)');
  }
  return value;
}

export function parseLogFormat(value: string): LogFormat {
  const format = LOG_FORMATS.find((f) => f === value);
  if (!format) throw new InvalidArgumentError(`a log format is ${LOG_FORMATS.join(' or ')}`);
  return format;
}

export function parseLogLevel(value: string): LogLevel {
  const level = asLogLevel(value);
  if (!level) throw new InvalidArgumentError(`a log level is one of ${LOG_LEVELS.join(', ')}`);
  return level;
}
