import path from 'node:path';

export interface TrustInstructionsOptions {
  /** Where the sandbox answers over HTTPS, for the curl line. */
  baseUrl?: string;
  /** Whose shell syntax to print; the machine's by default. */
  platform?: NodeJS.Platform;
}

/**
 * What the sandbox prints at start-up with `--tls`: where the CA is and how each common client trusts it for one
 * run, without touching the system's trust store (which would let the CA vouch for every program). [INF]
 */
export function trustInstructions(caPath: string, options: TrustInstructionsOptions = {}): string {
  const windows = (options.platform ?? process.platform) === 'win32';
  const q = windows ? quoteWindows : quotePosix;
  const ca = q(caPath);
  const url = options.baseUrl ?? 'https://localhost:4010/';
  const env = (name: string, command: string) => (windows ? `$env:${name}=${ca}; ${command}` : `${name}=${ca} ${command}`);
  const keyPath = (windows ? path.win32 : path.posix).join((windows ? path.win32 : path.posix).dirname(caPath), 'ca-key.pem');
  return [
    `HTTPS certificates are signed by the sandbox's local CA: ${caPath}`,
    'Trust it in the client that calls the sandbox:',
    // Node reads the variable once, when the process starts. [SRC: Node CLI docs, NODE_EXTRA_CA_CERTS]
    `  Node    ${env('NODE_EXTRA_CA_CERTS', 'node app.js')}`,
    // OpenSSL's variable and requests' one both replace the default bundle rather than add to it. [SRC: OpenSSL
    // SSL_CTX_load_verify_locations; requests "CA Certificates"]
    `  Python  ${env('SSL_CERT_FILE', 'python app.py')}        (ssl, urllib, httpx)`,
    `          ${env('REQUESTS_CA_BUNDLE', 'python app.py')}   (requests)`,
    '          both replace the default CA bundle: in that process, public HTTPS hosts no longer verify',
    `  curl    curl --cacert ${ca} ${url}`,
    `  Java    keytool -importcert -noprompt -alias partner-sandbox -file ${ca} -keystore sandbox-truststore.p12 -storepass changeit`,
    '          java -Djavax.net.ssl.trustStore=sandbox-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit …',
    `Keep ${keyPath} private: whoever has it can sign certificates these clients accept.`,
  ].join('\n');
}

/** As is when nothing in it is special to a POSIX shell, otherwise single-quoted (a quote inside as '\''). */
export function quotePosix(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell and cmd both take a double-quoted path; a Windows path cannot contain a double quote. */
export function quoteWindows(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,.\\/-]+$/.test(arg) ? arg : `"${arg}"`;
}
