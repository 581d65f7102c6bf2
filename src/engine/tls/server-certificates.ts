import { createSecureContext, type SecureContext } from 'node:tls';
import { normalizeHostname, type CertificateAuthority, type IssuedCertificate } from './certificate-authority.js';

/** What the default certificate always names: every way a local client reaches the sandbox. */
export const LOCAL_HOSTNAMES = ['localhost', '127.0.0.1', '::1'] as const;

// A client picks the SNI name, so the cache must not grow with whatever names it sends; past this many, the oldest
// goes. The real API hosts are a handful, so they stay. [INF]
const MAX_CACHED_CONTEXTS = 64;

export interface ServerCertificates {
  /** Served to a client that sends no SNI name (every client connecting to an IP address) or a name it covers. */
  readonly default: IssuedCertificate;
  /** `cert`, `key` and `SNICallback`, to spread into `https.createServer` / `tls.createServer` options. */
  readonly serverOptions: { cert: string; key: string; SNICallback: SniCallback };
  /**
   * The context for one SNI host name: the default one when it covers the name, otherwise a certificate for just
   * that name, issued on first use and kept. Concurrent handshakes for the same new name share one issuance.
   */
  secureContextFor(hostname: string): Promise<SecureContext>;
  readonly sniCallback: SniCallback;
}

export type SniCallback = (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void;

/**
 * The sandbox's server certificates from its CA: one default for `localhost`, `127.0.0.1`, `::1` and the given extra
 * names (the real API hosts, say), and one per other SNI name on demand. Issued anew at each start and kept in
 * memory only: issuing takes about a millisecond, and a key never written is a key that cannot leak. [INF]
 */
export async function createServerCertificates(ca: CertificateAuthority, extraHostnames: readonly string[] = []): Promise<ServerCertificates> {
  const defaultCert = await ca.issue([...LOCAL_HOSTNAMES, ...extraHostnames]);
  const defaultNames = new Set(defaultCert.hostnames);
  const defaultContext = Promise.resolve(createSecureContext({ cert: defaultCert.cert, key: defaultCert.key }));
  const contexts = new Map<string, Promise<SecureContext>>();

  const secureContextFor = (hostname: string): Promise<SecureContext> => {
    let name: string;
    try {
      name = normalizeHostname(hostname);
    } catch (err) {
      return Promise.reject(err);
    }
    if (defaultNames.has(name)) return defaultContext;
    const cached = contexts.get(name);
    if (cached) return cached;
    const issued = ca.issue([name]).then((c) => createSecureContext({ cert: c.cert, key: c.key }));
    // A failed issuance is not kept: the next handshake tries again rather than failing for ever.
    issued.catch(() => contexts.delete(name));
    contexts.set(name, issued);
    if (contexts.size > MAX_CACHED_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
    return issued;
  };

  const sniCallback: SniCallback = (servername, cb) => {
    secureContextFor(servername).then((ctx) => cb(null, ctx), (err: Error) => cb(err));
  };

  return {
    default: defaultCert,
    serverOptions: { cert: defaultCert.cert, key: defaultCert.key, SNICallback: sniCallback },
    secureContextFor,
    sniCallback,
  };
}
