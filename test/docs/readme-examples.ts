import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { parse as parseYaml } from 'yaml';

/**
 * Runs the README's shell examples as a reader would, and compares what they print with what the README shows.
 *
 * The convention (README "A curl walk-through per API" and "For QA: choosing a response"):
 * - every ```sh block of a section is run, in document order, in one shell session: `NAME=value` and
 *   `export NAME=value` set a variable for later commands, `curl …` (optionally `| grep [-i] <regex>`) is a request;
 *   a line ending with `\` continues on the next one, and `#` starts a comment;
 * - `# → <output>` under a command is what it prints; lines under it of `#` and two or more spaces continue it;
 * - `…` in an output stands for anything (an output ending with `…` is a prefix). An output starting with `{` or `[`
 *   is JSON, compared structurally (key order aside): `…` as a member of an object allows further keys, as the last
 *   element of an array further elements, as a value any value, and inside a string any characters;
 * - every ```yaml block starts with `# <file>`: the file it shows, compared structurally (its strings as above).
 * Anything else in those blocks (another command, a shell construct) fails the test, rather than go unchecked.
 */

export interface CodeBlock {
  lang: string;
  /** 1-based line of the block's first content line in the README. */
  line: number;
  lines: string[];
}

export interface Step {
  line: number;
  source: string;
  expected?: string;
}

export interface Outcome {
  line: number;
  source: string;
  output?: string;
  problems: string[];
}

/** The fenced blocks under a heading, up to the next heading of any level. */
export function sectionBlocks(markdown: string, title: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+ /, '').trim() === title);
  if (start < 0) throw new Error(`README has no heading "${title}"`);
  const blocks: CodeBlock[] = [];
  let open: CodeBlock | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```\s*([\w-]*)/.exec(line);
    if (open) {
      if (/^```\s*$/.test(line)) {
        blocks.push(open);
        open = undefined;
      } else open.lines.push(line);
    } else if (fence) open = { lang: fence[1], line: i + 2, lines: [] };
    else if (/^#{1,6} /.test(line)) break;
  }
  if (open) throw new Error(`README line ${open.line - 1}: a code block that is never closed`);
  return blocks;
}

/** The commands of a ```sh block, each with the output shown under it. */
export function shellSteps(block: CodeBlock): Step[] {
  const steps: Step[] = [];
  let continuing: Step | undefined;
  let inOutput = false;
  for (let i = 0; i < block.lines.length; i++) {
    const raw = block.lines[i];
    const line = block.line + i;
    if (continuing) {
      continuing.source += `\n${raw}`;
      if (!raw.endsWith('\\')) continuing = undefined;
      continue;
    }
    const output = /^# → (.*)$/.exec(raw);
    if (output) {
      const last = steps.at(-1);
      if (!last || last.expected !== undefined) throw new Error(`README line ${line}: "# → " shows an output, but not under a command`);
      last.expected = output[1];
      inOutput = true;
    } else if (inOutput && /^#\s{2,}\S/.test(raw)) {
      steps.at(-1)!.expected += `\n${raw.replace(/^#\s+/, '')}`;
    } else {
      inOutput = false;
      if (/^\s*(#.*)?$/.test(raw)) continue;
      const step: Step = { line, source: raw };
      steps.push(step);
      if (raw.endsWith('\\')) continuing = step;
    }
  }
  return steps;
}

/** A shell session over a sandbox: its variables, and the value the README gave BASE. */
export interface Session {
  baseUrl: string;
  env: Record<string, string>;
  readmeBase?: string;
}

export function newSession(baseUrl: string): Session {
  return { baseUrl, env: { BASE: baseUrl } };
}

/** Runs every step of the blocks in order; each outcome lists what differs from the README (nothing: it holds). */
export async function runShellBlocks(blocks: CodeBlock[], session: Session): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const block of blocks.filter((b) => b.lang === 'sh')) {
    for (const step of shellSteps(block)) outcomes.push(await runStep(step, session));
  }
  return outcomes;
}

async function runStep(step: Step, session: Session): Promise<Outcome> {
  const outcome: Outcome = { line: step.line, source: step.source, problems: [] };
  let pipeline: string[][];
  try {
    pipeline = shellWords(step.source.replace(/\\\n/g, ''), session.env);
  } catch (err) {
    outcome.problems.push((err as Error).message);
    return outcome;
  }
  const [first, ...filters] = pipeline;
  const assignment = assignmentOf(first);
  if (assignment) {
    if (filters.length > 0 || step.expected !== undefined) outcome.problems.push('an assignment prints nothing and pipes nowhere');
    // BASE stays the sandbox under test: the README's value is only remembered, to read its outputs with.
    if (assignment.name === 'BASE') session.readmeBase = assignment.value;
    else session.env[assignment.name] = assignment.value;
    return outcome;
  }
  if (first[0] !== 'curl') {
    outcome.problems.push(`only curl commands and NAME=value are run here, not "${first[0]}"`);
    return outcome;
  }
  if (step.expected === undefined) outcome.problems.push('shows no output: add a "# → " line under it');
  try {
    let output = await curl(first.slice(1));
    for (const filter of filters) output = grep(filter, output);
    outcome.output = output.replace(/\r(?=\n|$)/g, '').replace(/\n+$/, '');
  } catch (err) {
    outcome.problems.push((err as Error).message);
    return outcome;
  }
  if (step.expected !== undefined) outcome.problems.push(...compareOutput(readAsHere(step.expected, session), outcome.output));
  return outcome;
}

/** The README's outputs name its BASE (`http://127.0.0.1:4010`, also URL-encoded): here, the sandbox under test. */
function readAsHere(expected: string, session: Session): string {
  const readme = session.readmeBase;
  if (!readme) return expected;
  return expected.split(readme).join(session.baseUrl).split(encodeURIComponent(readme)).join(encodeURIComponent(session.baseUrl));
}

function assignmentOf(words: string[]): { name: string; value: string } | undefined {
  const rest = words[0] === 'export' ? words.slice(1) : words;
  const match = rest.length === 1 ? /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(rest[0]) : null;
  return match ? { name: match[1], value: match[2] } : undefined;
}

/** The words of each command of a pipeline, as sh splits and expands them (quotes, `\`, `$NAME`, `${NAME}`, `#`). */
export function shellWords(source: string, env: Record<string, string>): string[][] {
  const pipeline: string[][] = [[]];
  let word = '';
  let inWord = false;
  const end = () => {
    if (inWord) pipeline.at(-1)!.push(word);
    word = '';
    inWord = false;
  };
  const expand = (at: number, quoted: boolean): [string, number] => {
    const m = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/.exec(source.slice(at));
    if (!m) throw new Error(`unsupported "$" at "${source.slice(at, at + 10)}"`);
    const name = m[1] ?? m[2];
    const value = env[name];
    if (value === undefined) throw new Error(`$${name} is not set (set it in an earlier block)`);
    if (!quoted && /\s/.test(value)) throw new Error(`$${name} holds spaces: quote it`);
    return [value, at + m[0].length];
  };
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (/\s/.test(c)) {
      end();
      i++;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '|') {
      end();
      pipeline.push([]);
      i++;
    } else if (c === "'") {
      const close = source.indexOf("'", i + 1);
      if (close < 0) throw new Error('an unclosed single quote');
      word += source.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= source.length) throw new Error('an unclosed double quote');
        const d = source[i];
        if (d === '"') break;
        if (d === '\\' && '$`"\\'.includes(source[i + 1])) {
          word += source[i + 1];
          i += 2;
        } else if (d === '$') {
          const [value, next] = expand(i, true);
          word += value;
          i = next;
        } else if (d === '`') {
          throw new Error('command substitution is not run here');
        } else {
          word += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      word += source[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (c === '$') {
      const [value, next] = expand(i, false);
      word += value;
      inWord = true;
      i = next;
    } else if (';&<>()`'.includes(c)) {
      throw new Error(`the shell construct "${c}" is not run here: one command (and a grep) a line`);
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  if (pipeline.some((words) => words.length === 0)) throw new Error('an empty command in a pipeline');
  return pipeline;
}

/** What `curl <args>` prints, for the flags the README uses: -s, -i, -X, -H, -d (and their long forms). */
export async function curl(args: string[]): Promise<string> {
  let method: string | undefined;
  let include = false;
  let url: string | undefined;
  const headers: [string, string][] = [];
  const data: string[] = [];
  const takes = (flag: string, value: string | undefined) => {
    if (value === undefined) throw new Error(`curl ${flag} needs a value`);
    if (flag === 'X') method = value;
    else if (flag === 'H') {
      const colon = value.indexOf(':');
      if (colon < 1) throw new Error(`curl -H "${value}" is not "Name: value"`);
      headers.push([value.slice(0, colon), value.slice(colon + 1).trim()]);
    } else {
      if (value.startsWith('@')) throw new Error('curl -d @file is not run here');
      data.push(value);
    }
  };
  const long: Record<string, string> = { '--request': 'X', '--header': 'H', '--data': 'd', '--data-raw': 'd', '--silent': 's', '--include': 'i' };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    if (arg.startsWith('--')) {
      if (!long[arg]) throw new Error(`curl ${arg} is not run here`);
      arg = `-${long[arg]}`;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (flag === 's') continue;
        if (flag === 'i') include = true;
        else if ('XHd'.includes(flag)) {
          takes(flag, j + 1 < arg.length ? arg.slice(j + 1) : args[++i]);
          break;
        } else throw new Error(`curl -${flag} is not run here`);
      }
    } else if (url === undefined) url = arg;
    else throw new Error(`curl is given two URLs: ${url} and ${arg}`);
  }
  if (!url) throw new Error('curl is given no URL');
  // What curl sends by itself: its own headers, and a form body unless told the type.
  const body = data.length > 0 ? data.join('&') : undefined;
  const sent: Record<string, string> = { 'User-Agent': 'curl/8 (README walk-through test)', Accept: '*/*' };
  for (const [name, value] of headers) {
    for (const key of Object.keys(sent)) if (key.toLowerCase() === name.toLowerCase()) delete sent[key];
    sent[name] = value;
  }
  if (body !== undefined) {
    if (!Object.keys(sent).some((k) => k.toLowerCase() === 'content-type')) sent['Content-Type'] = 'application/x-www-form-urlencoded';
    sent['Content-Length'] = String(Buffer.byteLength(body));
  }
  const target = url;
  return new Promise((resolve, reject) => {
    const req = request(target, { method: method ?? (body !== undefined ? 'POST' : 'GET'), headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        let head = '';
        if (include) {
          // As curl -i prints them: the status line, then every header as the server wrote its name.
          head = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`;
          for (let k = 0; k < res.rawHeaders.length; k += 2) head += `${res.rawHeaders[k]}: ${res.rawHeaders[k + 1]}\r\n`;
          head += '\r\n';
        }
        resolve(head + Buffer.concat(chunks).toString('utf8'));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `grep [-i] <regex>`: the matching lines. */
function grep(words: string[], input: string): string {
  if (words[0] !== 'grep') throw new Error(`only grep is piped into here, not "${words[0]}"`);
  const flags = words.slice(1).filter((w) => w.startsWith('-'));
  const patterns = words.slice(1).filter((w) => !w.startsWith('-'));
  if (flags.some((f) => f !== '-i') || patterns.length !== 1) throw new Error(`grep ${words.slice(1).join(' ')} is not run here: grep [-i] <regex>`);
  const regex = new RegExp(patterns[0], flags.includes('-i') ? 'i' : '');
  return input.split('\n').filter((l) => regex.test(l)).join('\n');
}

// ---- comparing an output with what the README shows ----

type Pattern =
  | { kind: 'any' }
  | { kind: 'literal'; value: null | boolean | number }
  | { kind: 'string'; text: string }
  | { kind: 'array'; items: Pattern[]; open: boolean }
  | { kind: 'object'; members: [string, Pattern][]; open: boolean };

/** What differs between an output and the README's (empty: it holds). */
export function compareOutput(expected: string, actual: string): string[] {
  if (/^\s*[[{]/.test(expected)) {
    let pattern: Pattern;
    try {
      pattern = parsePattern(expected);
    } catch (err) {
      return [`the README's output is not JSON (with …): ${(err as Error).message}`];
    }
    let value: unknown;
    try {
      value = JSON.parse(actual);
    } catch {
      return [`the README shows JSON, the sandbox printed ${JSON.stringify(actual.slice(0, 300))}`];
    }
    const problems: string[] = [];
    matchPattern(pattern, value, '$', problems);
    return problems.map((p) => `${p}\n    printed: ${actual.slice(0, 600)}`);
  }
  return globRegex(expected).test(actual) ? [] : [`the README shows ${JSON.stringify(expected)}, the sandbox printed ${JSON.stringify(actual)}`];
}

function globRegex(text: string): RegExp {
  return new RegExp(`^${text.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
}

/** JSON in which `…` may stand for further members, further elements or any value. */
function parsePattern(text: string): Pattern {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at "${text.slice(i, i + 20)}"`);
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('an unclosed string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Pattern => {
    ws();
    const c = text[i];
    if (c === '…') {
      i++;
      return { kind: 'any' };
    }
    if (c === '"') return { kind: 'string', text: string() };
    if (c === '{') {
      i++;
      const members: [string, Pattern][] = [];
      let open = false;
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', members, open };
      }
      for (;;) {
        ws();
        if (text[i] === '…') {
          i++;
          open = true;
        } else {
          if (text[i] !== '"') fail('expected a key');
          const key = string();
          if (members.some(([k]) => k === key)) fail(`the key "${key}" twice`);
          ws();
          if (text[i] !== ':') fail('expected ":"');
          i++;
          members.push([key, value()]);
        }
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { kind: 'object', members, open };
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: Pattern[] = [];
      let open = false;
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items, open };
      }
      for (;;) {
        ws();
        if (open) fail('"…" is only the last element of an array');
        if (text[i] === '…') {
          i++;
          open = true;
        } else items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { kind: 'array', items, open };
        } else fail('expected "," or "]"');
      }
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!literal) return fail('expected a JSON value');
    i += literal[0].length;
    return { kind: 'literal', value: JSON.parse(literal[0]) as null | boolean | number };
  };
  const pattern = value();
  ws();
  if (i < text.length) fail('text after the JSON');
  return pattern;
}

function matchPattern(pattern: Pattern, value: unknown, at: string, problems: string[], got = 'the sandbox printed'): void {
  const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 200));
  switch (pattern.kind) {
    case 'any':
      if (value === undefined) problems.push(`${at}: the README shows a value, ${got} none`);
      return;
    case 'literal':
      if (value !== pattern.value) problems.push(`${at}: the README shows ${JSON.stringify(pattern.value)}, ${got} ${shown(value)}`);
      return;
    case 'string':
      if (typeof value !== 'string' || !globRegex(pattern.text).test(value)) problems.push(`${at}: the README shows ${JSON.stringify(pattern.text)}, ${got} ${shown(value)}`);
      return;
    case 'array': {
      if (!Array.isArray(value)) {
        problems.push(`${at}: the README shows an array, ${got} ${shown(value)}`);
        return;
      }
      pattern.items.forEach((item, k) => matchPattern(item, value[k], `${at}[${k}]`, problems, got));
      if (!pattern.open && value.length > pattern.items.length) {
        problems.push(`${at}: ${got} ${value.length - pattern.items.length} more element(s) than the README shows, without "…": ${shown(value.slice(pattern.items.length))}`);
      }
      return;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${at}: the README shows an object, ${got} ${shown(value)}`);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const [key, member] of pattern.members) {
        if (!(key in record)) problems.push(`${at}: the README shows "${key}", ${got} no such key`);
        else matchPattern(member, record[key], `${at}.${key}`, problems, got);
      }
      const extra = Object.keys(record).filter((k) => !pattern.members.some(([m]) => m === k));
      if (!pattern.open && extra.length > 0) problems.push(`${at}: ${got} key(s) the README leaves out without "…": ${extra.join(', ')}`);
      return;
    }
  }
}

/** What differs between a ```yaml block and the file its first line names (strings in the block may hold `…`). */
export function compareYamlBlock(block: CodeBlock, resolve: (file: string) => string): string[] {
  const named = /^#\s+(\S+\.ya?ml)\b/.exec(block.lines[0] ?? '');
  if (!named) return [`README line ${block.line}: a yaml block starts with "# <file>", the file it shows`];
  const file = resolve(named[1]);
  if (!existsSync(file)) return [`README line ${block.line}: ${named[1]} does not exist`];
  const problems: string[] = [];
  matchPattern(patternOf(parseYaml(block.lines.join('\n'))), parseYaml(readFileSync(file, 'utf8')), named[1], problems, 'the file has');
  return problems;
}

function patternOf(value: unknown): Pattern {
  if (typeof value === 'string') return { kind: 'string', text: value };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(patternOf), open: false };
  if (value && typeof value === 'object') return { kind: 'object', members: Object.entries(value).map(([k, v]) => [k, patternOf(v)]), open: false };
  return { kind: 'literal', value: value as null | boolean | number };
}
