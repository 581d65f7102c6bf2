import type { OpenAPIV3_1 } from 'openapi-types';

/** A host name (or a pattern of them) an API is served on at its real paths, without its mount prefix. */
export interface HostRoute<T> {
  /** As written: `api.integrator.io`, or `*.mspcentric.app` for one label of any value. */
  host: string;
  target: T;
}

/**
 * The real host names a spec's `servers` give (every server but the sandbox's own loopback one), a server
 * variable such as `{subdomain}` standing for one label of any value. The specs say which are [SRC] and which [INF].
 */
export function realHostsOf(spec: OpenAPIV3_1.Document): string[] {
  const hosts: string[] = [];
  for (const server of spec.servers ?? []) {
    const match = /^https?:\/\/([^/:]+)/i.exec(server.url);
    if (!match) continue;
    const host = match[1].replace(/\{[^}]+\}/g, '*').toLowerCase();
    if (!isLoopback(host)) hosts.push(host);
  }
  return hosts;
}

/** Host name → what serves it: exact names in a map, `*.` patterns tried after them, the later of two the same wins. */
export class HostRouter<T> {
  private readonly exact = new Map<string, T>();
  private readonly wildcards: { suffix: string; target: T }[] = [];

  constructor(routes: HostRoute<T>[]) {
    for (const { host, target } of routes) {
      const name = host.toLowerCase();
      if (name.startsWith('*.')) {
        const suffix = name.slice(1);
        const at = this.wildcards.findIndex((w) => w.suffix === suffix);
        if (at >= 0) this.wildcards.splice(at, 1);
        this.wildcards.push({ suffix, target });
      } else this.exact.set(name, target);
    }
  }

  /** The exact names (no patterns), for the certificate every tunnelled client of them is served. */
  exactNames(): string[] {
    return [...this.exact.keys()];
  }

  get size(): number {
    return this.exact.size + this.wildcards.length;
  }

  /** What serves a `Host` header's value (port and case aside), if anything does. */
  match(hostHeader: string | undefined): T | undefined {
    if (!hostHeader) return undefined;
    const name = hostName(hostHeader);
    const exact = this.exact.get(name);
    if (exact !== undefined) return exact;
    for (const w of this.wildcards) {
      // One label only: `a.b.mspcentric.app` is not `*.mspcentric.app`, as in a certificate's wildcard.
      if (name.endsWith(w.suffix) && name.length > w.suffix.length && !name.slice(0, -w.suffix.length).includes('.')) return w.target;
    }
    return undefined;
  }
}

/** The host name of a `Host` value or a URL authority: lower case, without the port, IPv6 without brackets. */
export function hostName(authority: string): string {
  const lower = authority.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  const colon = lower.indexOf(':');
  return (colon < 0 ? lower : lower.slice(0, colon)).replace(/\.$/, '');
}

/** `--host-map <host>=<api>`: one pair (the sandbox checks the API's name against those it serves). */
export function parseHostMapping(value: string): { host: string; api: string } {
  const eq = value.indexOf('=');
  const host = eq < 0 ? '' : value.slice(0, eq).trim().toLowerCase();
  const api = eq < 0 ? '' : value.slice(eq + 1).trim();
  if (!api || !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) throw new Error(`--host-map takes <host>=<api>, e.g. integrator.example.test=integrator; not ${JSON.stringify(value)}`);
  return { host, api };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
