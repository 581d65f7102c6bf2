import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { stringify } from 'yaml';
import { isSecretKey, redactSecrets } from '../engine/journal/redact.js';
import type { SpecOperation } from '../engine/spec/operation-index.js';
import { documentedMediaType, documentedResponse, type ResponseChecker } from './response-check.js';

export interface RecordedExchange {
  op: SpecOperation;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  mediaType: string | undefined;
  /** JSON (parsed), or undefined when the answer had none. */
  body: unknown;
}

const HASH_LINE = /^# body-sha256: ([0-9a-f]+)$/m;

/**
 * `--record <dir>`: each distinct answer (operation, status, redacted body) written once as a scenario the sandbox
 * serves with `serve --scenarios <dir>`, plus the body as an OpenAPI Example Object a partner can paste into the spec.
 * Files already in the folder count as recorded (their body hash is in a comment), so a second run adds only news.
 */
/** What a recording the scenario loader would refuse is named with (the loader skips it). */
export const DRIFT_SUFFIX = '.drift.yaml';

export class Recorder {
  private readonly apiDir: string;
  private readonly seen = new Set<string>();

  constructor(dir: string, private readonly api: string, private readonly upstream: string, private readonly checker: ResponseChecker) {
    this.apiDir = path.resolve(dir, api);
    mkdirSync(this.apiDir, { recursive: true });
    for (const file of readdirSync(this.apiDir).filter((f) => /^recorded-.*\.yaml$/.test(f) && !f.endsWith('.example.yaml'))) {
      const hash = HASH_LINE.exec(readFileSync(path.join(this.apiDir, file), 'utf8'))?.[1];
      const base = /^(recorded-.+-\d{3})(?:-\d+)?(?:\.drift)?\.yaml$/.exec(file)?.[1];
      if (hash && base) this.seen.add(`${base}|${hash}`);
    }
  }

  /** The scenario file written for this exchange, or undefined when the same answer was recorded before. */
  record(exchange: RecordedExchange): string | undefined {
    const body = redactSecrets(exchange.body);
    const hash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex').slice(0, 16);
    const base = `recorded-${safeName(exchange.op.operationId)}-${exchange.status}`;
    if (this.seen.has(`${base}|${hash}`)) return undefined;
    this.seen.add(`${base}|${hash}`);
    const name = this.freeName(base);
    const notes = this.notesOn(exchange, body);
    const at = new Date().toISOString();
    const where = `${exchange.op.method.toUpperCase()} ${exchange.op.pathTemplate}`;
    const respond: Record<string, unknown> = { status: exchange.status };
    if (body !== undefined) respond.body = body;
    const headers = documentedHeaders(exchange);
    if (Object.keys(headers).length > 0) respond.headers = headers;
    const scenario = {
      description: `${exchange.op.operationId} (${where}) as ${this.upstream} answered it on ${at}: status ${exchange.status}, recorded by partner-sandbox proxy.`,
      rules: [{ operation: exchange.op.operationId, respond }],
    };
    const header = [`# Recorded by \`partner-sandbox proxy ${this.api}\` from ${this.upstream} (${where}), ${at}.`, `# body-sha256: ${hash}`, ...notes.map((n) => `# ${n}`)];
    // [INF] A recording the loader would refuse is kept as `.drift.yaml`, which it skips: `serve --scenarios <dir>`
    // still loads the rest, and the user decides whether the spec or the API is wrong.
    const file = path.join(this.apiDir, `${name}${notes.length > 0 ? DRIFT_SUFFIX : '.yaml'}`);
    writeFileSync(file, `${header.join('\n')}\n${stringify(scenario)}`);
    if (body !== undefined) {
      const example = { summary: `${exchange.op.operationId} ${exchange.status} as ${this.upstream} answered it (${at.slice(0, 10)})`, value: body };
      const pasteAt = `paths["${exchange.op.pathTemplate}"].${exchange.op.method}.responses["${exchange.status}"].content["${exchange.mediaType ?? 'application/json'}"].examples`;
      const exampleHeader = [`# A candidate named example: paste it under ${pasteAt}.<name>.`, ...notes.map((n) => `# ${n}`)];
      writeFileSync(path.join(this.apiDir, `${name}.example.yaml`), `${exampleHeader.join('\n')}\n${stringify(example)}`);
    }
    return file;
  }

  /** Why the loader would refuse this recording, said in the file: the user decides whether the spec or the API is wrong. */
  private notesOn(exchange: RecordedExchange, body: unknown): string[] {
    const documented = documentedResponse(exchange.op, exchange.status);
    if (!documented || documented.key !== String(exchange.status)) {
      return [`NOT LOADABLE as is: ${exchange.op.operationId} does not document status ${exchange.status} (a scenario answers only documented statuses).`];
    }
    const content = documented.response.content ?? {};
    if (body === undefined || Object.keys(content).length === 0) return [];
    const mediaType = documentedMediaType(content, exchange.mediaType);
    if (!mediaType) return [`NOT LOADABLE as is: media type ${exchange.mediaType ?? '(none)'} is not documented for ${exchange.status}.`];
    const misfits = this.checker.bodyViolations(exchange.op, documented.key, mediaType, content[mediaType].schema, body);
    if (misfits.length === 0) return [];
    return [
      `NOT LOADABLE as is: the body (secrets replaced by "[REDACTED]") does not fit the schema of ${exchange.status}:`,
      ...misfits.map((m) => `  ${m.location.join('.')}: ${m.message}`),
    ];
  }

  private freeName(base: string): string {
    const free = (name: string) => !existsSync(path.join(this.apiDir, `${name}.yaml`)) && !existsSync(path.join(this.apiDir, `${name}${DRIFT_SUFFIX}`));
    if (free(base)) return base;
    for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** The response headers the spec documents for that status, as received, secrets left out. */
function documentedHeaders(exchange: RecordedExchange): Record<string, string> {
  const documented = documentedResponse(exchange.op, exchange.status)?.response.headers ?? {};
  const out: Record<string, string> = {};
  for (const name of Object.keys(documented as Record<string, OpenAPIV3_1.HeaderObject>)) {
    const value = exchange.headers[name.toLowerCase()];
    if (value === undefined || isSecretKey(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function safeName(operationId: string): string {
  return operationId.replace(/[^A-Za-z0-9._-]/g, '_');
}
