import { isatty } from 'node:tty';
import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyLine } from './log-pretty.js';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A level name in any case (`LOG_LEVEL=INFO` is common), or undefined when it is none. */
export function asLogLevel(value: string | undefined): LogLevel | undefined {
  const lower = value?.toLowerCase();
  return LOG_LEVELS.find((level) => level === lower);
}

/** Lines for a person on a terminal, JSON for whatever reads a pipe or a file (a collector, `jq`, a test). */
export function defaultLogFormat(): LogFormat {
  return isatty(1) ? 'pretty' : 'json';
}

const REDACT = {
  paths: ['*.authorization', '*.clientSecret', '*.password', '*.providerkey', '*.integrationCredentials', 'req.headers.authorization'],
  censor: '[REDACTED]',
};

export interface FormattedDestination extends DestinationStream {
  format: LogFormat;
  flush(cb?: (err?: Error) => void): void;
}

/**
 * Passes pino's JSON lines to `out` as they are, or in their human form. The form is chosen after the logger
 * exists (the command line is parsed after every module, logger included, has loaded), hence a mutable field.
 */
export function formattedDestination(out: DestinationStream & { flush?(cb?: (err?: Error) => void): void }, format: LogFormat): FormattedDestination {
  const destination: FormattedDestination = {
    format,
    write(line: string) {
      out.write(destination.format === 'json' ? line : prettyLine(line));
    },
    flush(cb) {
      if (out.flush) out.flush(cb);
      else cb?.();
    },
  };
  return destination;
}

/** The process logger's configuration on any destination: secrets are censored by path, in every format. */
export function createLogger(destination: DestinationStream, level: LogLevel = 'info'): Logger {
  return pino({ level, base: undefined, redact: REDACT }, destination);
}

// Asynchronous, so logging never stalls a request (pino flushes it when the process exits).
const output = formattedDestination(pino.destination({ sync: false }), defaultLogFormat());

/**
 * One process logger. [INF] A LOG_LEVEL that is no level falls back to info here instead of throwing while the
 * modules load (a stack trace, before any command could run): the CLI reports it as one line (src/cli.ts).
 */
export const logger = createLogger(output, asLogLevel(process.env.LOG_LEVEL) ?? 'info');

/** `--log-format`: called before anything is logged. */
export function setLogFormat(format: LogFormat): void {
  output.format = format;
}
