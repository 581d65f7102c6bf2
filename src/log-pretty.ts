/**
 * The human form of a log line (`--log-format pretty`, the default on a terminal): one pino JSON line in,
 * `HH:MM:SS.mmm LEVEL message key=value …` out. It reads the line pino already wrote, so whatever pino's redact
 * paths censored is censored here too, and no dependency is needed (pino-pretty pulls in a dozen packages).
 * [INF] Never colour, and never a raw control character: a message or value can carry client input (a request
 * path), and escaping it keeps a terminal from obeying it; a copied line pastes into an issue as it reads.
 */

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

// C0 and C1 control characters (ESC, CSI, newline, …) and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// A value printed bare: nothing a reader could take for a separator or a quote.
const BARE = /^[^\s"=\u0000-\u001f\u007f-\u009f]+$/;

export function prettyLine(json: string): string {
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return `${escapeControl(json.replace(/\n$/, ''))}\n`;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `${escapeControl(json.replace(/\n$/, ''))}\n`;
  const { level, time, msg, ...fields } = record as Record<string, unknown>;
  const head = [clock(time), (LEVELS[Number(level)] ?? String(level)).padEnd(5)];
  if (typeof msg === 'string' && msg !== '') head.push(escapeControl(msg));
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    // A stack reads as lines under the entry, as a terminal user expects, instead of one long escaped value.
    const stack = stackOf(value);
    if (stack) {
      stacks.push(...stack.split('\n').map((line) => `    ${escapeControl(line)}`));
      const { stack: _stack, ...rest } = value as Record<string, unknown>;
      head.push(`${escapeControl(key)}=${shown(rest)}`);
    } else {
      head.push(`${escapeControl(key)}=${shown(value)}`);
    }
  }
  return `${[head.join(' '), ...stacks].join('\n')}\n`;
}

function stackOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack = (value as { stack?: unknown }).stack;
  return typeof stack === 'string' ? stack : undefined;
}

function shown(value: unknown): string {
  if (typeof value === 'string' && BARE.test(value)) return value;
  // JSON escapes C0 controls, quotes and backslashes; C1 controls it leaves, hence the second pass.
  return escapeControl(JSON.stringify(value) ?? String(value));
}

function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Local wall-clock time, as the terminal's user reads it. */
function clock(time: unknown): string {
  const at = typeof time === 'number' ? new Date(time) : new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}
