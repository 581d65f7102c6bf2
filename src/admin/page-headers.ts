import type { Response } from 'express';

/**
 * Headers for the dashboard's and docs' pages. Everything they load comes from this sandbox (`'self'`): the CSP
 * makes that a promise the browser keeps (no CDN, no call home), and `frame-ancestors` stops another site from
 * framing the admin pages to click their buttons. Swagger UI sets style attributes, hence `'unsafe-inline'` for
 * styles only where `inlineStyles` is asked for.
 */
export function setPageHeaders(res: Response, { inlineStyles = false } = {}): void {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  res.set({
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
}
