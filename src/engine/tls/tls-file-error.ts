import { readFile } from 'node:fs/promises';

/**
 * A TLS file the sandbox cannot use. It names the file because the person who reads it at start-up has to go and
 * fix (or delete) that file; a bare OpenSSL message ("unsupported", "bad decrypt") never says which one.
 */
export class TlsFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'TlsFileError';
  }
}

/** The file's text, or a TlsFileError naming it (missing, unreadable, a directory). */
export async function readTlsFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new TlsFileError(file, `cannot read the ${what} (${why})`);
  }
}

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY_PEM = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

/** Throws unless the text holds a PEM certificate block: DER or a key pasted in the wrong file fails here, clearly. */
export function expectCertificatePem(file: string, text: string): void {
  if (!CERTIFICATE_PEM.test(text)) throw new TlsFileError(file, 'is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)');
}

/** Throws unless the text holds a PEM private key (PKCS#8, or the older RSA/EC forms OpenSSL still writes). */
export function expectPrivateKeyPem(file: string, text: string): void {
  if (!PRIVATE_KEY_PEM.test(text)) throw new TlsFileError(file, 'is not a PEM private key (no "-----BEGIN PRIVATE KEY-----" block)');
}
