import { connect } from 'node:net';
import { describeNetworkError } from './network-failure.js';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** [INF] 3 s to accept a TCP connection: a service that is running accepts in milliseconds, even remote ones. */
export const PROBE_TIMEOUT_MS = 3_000;

/**
 * Whether anything accepts connections where a URL points, before the Pact verifier runs: against a closed port
 * the verifier spends 30 s per state change and interaction, and its proxy dies with a stack trace. A TCP connect,
 * not an HTTP request: any answer at all would do, and a provider may answer its base URL slowly or not at all.
 * Resolves to why it cannot be reached (`connection refused`), or undefined when it can.
 */
export function unreachableReason(url: string, options: { viaSystemProxy?: boolean; timeoutMs?: number } = {}): Promise<string | undefined> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve('not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return Promise.resolve(`${target.protocol} is not http: or https:`);
  // pact-js sends provider requests through HTTPS_PROXY/HTTP_PROXY when set: a remote provider may then be
  // reachable only through it, and a direct probe would wrongly fail it. [INF] Not probed in that case.
  if (options.viaSystemProxy && (process.env.HTTPS_PROXY || process.env.HTTP_PROXY) && !LOOPBACK.test(target.hostname)) return Promise.resolve(undefined);
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  // URL keeps IPv6 literals bracketed ([::1]); net.connect wants them bare.
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reason: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`timed out after ${timeoutMs / 1000} s`), timeoutMs);
    socket.once('connect', () => done(undefined));
    socket.once('error', (err) => done(describeNetworkError(err, timeoutMs)));
  });
}
