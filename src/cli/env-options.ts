import { InvalidArgumentError, type Command } from 'commander';

/** An option that an environment variable may set, parsed by the same function as the flag. */
export interface EnvOption {
  env: string;
  /** The option's attribute name (`port` for `--port`). */
  option: string;
  parse: (value: string) => unknown;
}

/**
 * Sets each option the command line left at its default from its environment variable. Run from a preAction
 * hook rather than in the option defaults: a default is computed while the program is built, where a bad value
 * threw with a stack trace before any command ran (even `--help`). A flag wins over the environment.
 */
export function applyEnvOptions(command: Command, options: readonly EnvOption[]): void {
  for (const { env, option, parse } of options) {
    const raw = envValue(env);
    const source = command.getOptionValueSource(option);
    if (raw === undefined || (source !== undefined && source !== 'default')) continue;
    command.setOptionValueWithSource(option, parseEnv(env, raw, parse), 'env');
  }
}

/** The variable's value; [INF] an empty one counts as unset (`PORT= npm start`), as most tools treat it. */
export function envValue(env: string): string | undefined {
  const raw = process.env[env];
  return raw === undefined || raw === '' ? undefined : raw;
}

/** `parse(raw)`, its complaint reported as `NAME=value: reason`, the one line the CLI prints for a bad flag too. */
export function parseEnv<T>(env: string, raw: string, parse: (value: string) => T): T {
  try {
    return parse(raw);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new Error(`${env}=${shownValue(raw)}: ${err.message}`);
    throw err;
  }
}

// Quoted when it holds a blank or a control character, so the value reads as it was set.
function shownValue(raw: string): string {
  return /^[\x21-\x7e]+$/.test(raw) ? raw : JSON.stringify(raw);
}
