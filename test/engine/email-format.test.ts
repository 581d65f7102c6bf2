import { describe, expect, it } from 'vitest';
import { ajvForBodies } from '../../src/engine/spec/ajv-instances.js';
import { isRfc5321Mailbox } from '../../src/engine/spec/email-format.js';

const valid = ['jon@smith.com', 'user@localhost', '"a b"@example.com', '"quote\\"inside"@example.com', 'user@[127.0.0.1]', 'user@[IPv6:::1]', 'first.last+tag@sub.example.co', "o'brien@example.ie", `${'a'.repeat(64)}@example.com`];
const invalid = ['', 'plain', '@example.com', 'user@', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a b@example.com', 'user@-example.com', 'user@example-.com', 'user@exa_mple.com', 'user@[300.1.1.1]', 'user@[IPv6:zz::1]', `${'a'.repeat(65)}@example.com`, `user@${'a'.repeat(64)}.com`, 'user@example..com'];

describe('format: email is RFC 5321 Mailbox, as JSON Schema defines it', () => {
  it.each(valid)('accepts %j', (email) => {
    expect(isRfc5321Mailbox(email)).toBe(true);
    expect(ajvForBodies().validate({ type: 'string', format: 'email' }, email)).toBe(true);
  });
  it.each(invalid)('refuses %j', (email) => {
    expect(isRfc5321Mailbox(email)).toBe(false);
    expect(ajvForBodies().validate({ type: 'string', format: 'email' }, email)).toBe(false);
  });
});

describe('over HTTP: addresses the specs allow are accepted', () => {
  it.each(['user@localhost', '"a b"@example.com', 'user@[127.0.0.1]'])('CenturyLink provisions an account for %j', async (email) => {
    const { startSandbox } = await import('../helpers/sandbox.js');
    const sb = await startSandbox();
    try {
      const res = await sb.call('POST', '/centurylink/acme-provision-account/', {
        body: { resellerkey: 'sandbox-reseller-key', name: 'Jane Buyer', email },
        headers: { 'x-api-key': 'sandbox-provision-key' },
        session: `email-${email.length}`,
      });
      expect(res.status).toBe(201);
    } finally {
      await sb.close();
    }
  });
});
