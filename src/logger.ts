import pino from 'pino';

/**
 * One process logger. Asynchronous, so logging never stalls a request; secrets are censored by path
 * in case a caller ever logs a request.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: undefined,
    redact: { paths: ['*.authorization', '*.clientSecret', '*.password', '*.providerkey', '*.integrationCredentials', 'req.headers.authorization'], censor: '[REDACTED]' },
  },
  pino.destination({ sync: false }),
);
