import { InvalidArgumentError } from 'commander';

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
