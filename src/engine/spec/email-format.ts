import { isIPv4, isIPv6 } from 'node:net';

/**
 * JSON Schema's `format: email` is RFC 5321's Mailbox (section 4.1.2): what the specs say, so what the sandbox checks.
 * ajv-formats' own check is stricter (no `user@localhost`, no quoted local part, no address literal), which made the
 * sandbox refuse requests the specs allow. Lengths are RFC 5321 4.5.3.1's: 64 octets of local part, 255 of domain.
 */
const ATOM = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+";
const DOT_STRING = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
// qtextSMTP (32-33, 35-91, 93-126) or a quoted pair (backslash, then 32-126).
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
const SUB_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const GENERAL_LITERAL = /^[A-Za-z0-9-]*[A-Za-z0-9]:[\x21-\x5a\x5e-\x7e]+$/;

export function isRfc5321Mailbox(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (Buffer.byteLength(local) > 64 || !(DOT_STRING.test(local) || QUOTED_STRING.test(local))) return false;
  if (domain.startsWith('[') && domain.endsWith(']')) return isAddressLiteral(domain.slice(1, -1));
  return Buffer.byteLength(domain) <= 255 && domain.split('.').every((label) => label.length <= 63 && SUB_DOMAIN.test(label));
}

function isAddressLiteral(literal: string): boolean {
  if (isIPv4(literal)) return true;
  if (literal.slice(0, 5).toLowerCase() === 'ipv6:') return isIPv6(literal.slice(5));
  return GENERAL_LITERAL.test(literal);
}
