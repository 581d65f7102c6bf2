import { describe, expect, it } from 'vitest';
import { defaultTlsDir } from '../../../src/engine/tls/default-tls-dir.js';
import { quotePosix, trustInstructions } from '../../../src/engine/tls/trust-instructions.js';
import { run } from './tls-helpers.js';

describe('trustInstructions', () => {
  const text = trustInstructions('/home/ada/.config/partner-sandbox/tls/ca.pem', { platform: 'linux', baseUrl: 'https://localhost:4443/' });

  it('names the CA and the line for each client', () => {
    const ca = '/home/ada/.config/partner-sandbox/tls/ca.pem';
    expect(text).toContain(`local CA: ${ca}`);
    expect(text).toContain(`NODE_EXTRA_CA_CERTS=${ca} node app.js`);
    expect(text).toContain(`SSL_CERT_FILE=${ca} python app.py`);
    expect(text).toContain(`REQUESTS_CA_BUNDLE=${ca} python app.py`);
    expect(text).toContain('replace the default CA bundle');
    expect(text).toContain(`curl --cacert ${ca} https://localhost:4443/`);
    expect(text).toContain(`keytool -importcert -noprompt -alias partner-sandbox -file ${ca} -keystore sandbox-truststore.p12 -storepass changeit`);
    expect(text).toContain('-Djavax.net.ssl.trustStore=sandbox-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit');
    expect(text).toContain('Keep /home/ada/.config/partner-sandbox/tls/ca-key.pem private');
  });

  it('quotes a path with spaces (the macOS default has one) so the line can be pasted', async () => {
    const mac = defaultTlsDir({ platform: 'darwin', home: '/Users/ada' }) + '/ca.pem';
    const lines = trustInstructions(mac, { platform: 'darwin' });
    expect(lines).toContain(`curl --cacert '/Users/ada/Library/Application Support/partner-sandbox/tls/ca.pem' https://localhost:4010/`);
    expect(lines).toContain(`NODE_EXTRA_CA_CERTS='/Users/ada/Library/Application Support/partner-sandbox/tls/ca.pem' node`);
    // What a POSIX shell makes of the quoting: the one argument, as it was.
    const odd = "/tmp/it's a dir/ca.pem";
    expect((await run('/bin/sh', ['-c', `printf %s ${quotePosix(odd)}`])).stdout).toBe(odd);
  });

  it('uses PowerShell syntax and double quotes on Windows', () => {
    const lines = trustInstructions('C:\\Users\\Ada Lovelace\\AppData\\Roaming\\partner-sandbox\\tls\\ca.pem', { platform: 'win32' });
    expect(lines).toContain('$env:NODE_EXTRA_CA_CERTS="C:\\Users\\Ada Lovelace\\AppData\\Roaming\\partner-sandbox\\tls\\ca.pem"; node app.js');
    expect(lines).toContain('curl --cacert "C:\\Users\\Ada Lovelace\\AppData\\Roaming\\partner-sandbox\\tls\\ca.pem"');
    expect(lines).toContain('Keep C:\\Users\\Ada Lovelace\\AppData\\Roaming\\partner-sandbox\\tls\\ca-key.pem private');
  });
});

describe('defaultTlsDir', () => {
  it('is under XDG_CONFIG_HOME, else ~/.config, on Linux; a relative XDG_CONFIG_HOME is ignored', () => {
    expect(defaultTlsDir({ platform: 'linux', home: '/home/ada', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe('/xdg/partner-sandbox/tls');
    expect(defaultTlsDir({ platform: 'linux', home: '/home/ada', env: {} })).toBe('/home/ada/.config/partner-sandbox/tls');
    expect(defaultTlsDir({ platform: 'linux', home: '/home/ada', env: { XDG_CONFIG_HOME: 'relative' } })).toBe('/home/ada/.config/partner-sandbox/tls');
  });

  it('is under Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultTlsDir({ platform: 'darwin', home: '/Users/ada', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe('/Users/ada/Library/Application Support/partner-sandbox/tls');
    expect(defaultTlsDir({ platform: 'win32', home: 'C:\\Users\\ada', env: { APPDATA: 'D:\\Roaming' } })).toBe('D:\\Roaming\\partner-sandbox\\tls');
    expect(defaultTlsDir({ platform: 'win32', home: 'C:\\Users\\ada', env: {} })).toBe('C:\\Users\\ada\\AppData\\Roaming\\partner-sandbox\\tls');
  });

  it('is never inside the package or node_modules, which npm ci and npx replace', () => {
    expect(defaultTlsDir()).not.toMatch(/node_modules/);
    expect(defaultTlsDir().startsWith(process.cwd())).toBe(false);
  });
});
