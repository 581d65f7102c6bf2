import type { ErrorObject, ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ajvForBodies, ajvForParams } from '../engine/spec/ajv-instances.js';
import type { SpecOperation } from '../engine/spec/operation-index.js';
import { pointerSegments, type Violation } from './violation.js';

export interface ObservedResponse {
  status: number;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as JSON when its media type is JSON and it parsed; otherwise its text (or undefined when empty). */
  body: unknown;
  mediaType: string | undefined;
  /** Set when the media type said JSON and the bytes were not. */
  unparseable?: boolean;
  /** A HEAD's answer has the GET's headers and no body, so only its status and headers can be checked. */
  bodiless?: boolean;
}

/**
 * A response against what its operation documents, reported as Prism does [SRC] (prism-http `validateOutput`):
 * a status the spec lacks (an Error for a 2xx, a Warning otherwise), a media type it lacks, body and header
 * schema failures. The engine's `ResponseValidator` answers sentences only; Prism's shape needs Ajv's keyword and
 * path, hence this checker on the same Ajv instance.
 */
export class ResponseChecker {
  private readonly compiled = new Map<string, ValidateFunction>();

  check(op: SpecOperation, response: ObservedResponse): Violation[] {
    const responses = op.operation.responses ?? {};
    const documented = documentedResponse(op, response.status);
    if (!documented) {
      return [{
        location: ['response'],
        severity: response.status >= 200 && response.status < 300 ? 'Error' : 'Warning',
        message: `Unable to match the returned status code with those defined in the document: ${Object.keys(responses).join(',')}`,
      }];
    }
    const violations = this.checkHeaders(op, documented, response.headers);
    const content = documented.response.content ?? {};
    if (Object.keys(content).length === 0 || response.bodiless) return violations;
    const mediaType = documentedMediaType(content, response.mediaType);
    if (!mediaType) {
      violations.push({
        location: ['response'],
        severity: 'Error',
        message: `The received media type "${response.mediaType ?? ''}" does not match the one${Object.keys(content).length > 1 ? 's' : ''} specified in the current response: ${Object.keys(content).join(', ')}`,
      });
      return violations;
    }
    if (response.unparseable) {
      violations.push({ location: ['response', 'body'], severity: 'Error', code: 'parse', message: 'Response body is not valid JSON' });
      return violations;
    }
    return violations.concat(this.bodyViolations(op, documented.key, mediaType, content[mediaType].schema, response.body));
  }

  /** Only the body's fit (for a recording, whose status and media type are already known to be documented). */
  bodyViolations(op: SpecOperation, key: string, mediaType: string, schema: unknown, body: unknown): Violation[] {
    const validate = this.compile(`${op.operationId}|${key}|${mediaType}`, () => ajvForBodies().compile((schema ?? {}) as object));
    if (validate(body)) return [];
    return summarised(validate.errors).map((e) => fromAjv(e, 'body'));
  }

  private checkHeaders(op: SpecOperation, documented: DocumentedResponse, headers: ObservedResponse['headers']): Violation[] {
    const specs = Object.entries(documented.response.headers ?? {}) as [string, OpenAPIV3_1.HeaderObject][];
    if (specs.length === 0) return [];
    const validate = this.compile(`${op.operationId}|${documented.key}|headers`, () =>
      ajvForParams().compile({
        type: 'object',
        properties: Object.fromEntries(specs.map(([name, h]) => [name.toLowerCase(), (h.schema ?? {}) as object])),
        required: specs.filter(([, h]) => h.required).map(([name]) => name.toLowerCase()),
      }),
    );
    const values: Record<string, unknown> = {};
    for (const [name] of specs) {
      const value = headers[name.toLowerCase()];
      if (value !== undefined) values[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (validate(values)) return [];
    return summarised(validate.errors).map((e) => fromAjv(e, 'header'));
  }

  private compile(key: string, make: () => ValidateFunction): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = make()));
    return validate;
  }
}

export interface DocumentedResponse {
  /** The key it is documented under: the status, its range (`4XX`) or `default`. */
  key: string;
  response: OpenAPIV3_1.ResponseObject;
}

/** [SRC] OpenAPI's order: the exact status, then its range, then `default`. */
export function documentedResponse(op: SpecOperation, status: number): DocumentedResponse | undefined {
  const responses = op.operation.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  return key ? { key, response: responses[key] as OpenAPIV3_1.ResponseObject } : undefined;
}

/** The documented media type a response's `Content-Type` fits: exact, then a documented wildcard. */
export function documentedMediaType(content: Record<string, unknown>, mediaType: string | undefined): string | undefined {
  if (!mediaType) return undefined;
  if (mediaType in content) return mediaType;
  const [type] = mediaType.split('/');
  return [`${type}/*`, '*/*'].find((m) => m in content);
}

// anyOf/oneOf only summarise the branch errors already listed (as validation-problems.ts skips them too).
function summarised(errors: ErrorObject[] | null | undefined): ErrorObject[] {
  return (errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
}

/** [SRC] Prism's `convertAjvErrors`: location from the instance path, message "Response body property a.b must …". */
function fromAjv(error: ErrorObject, prefix: 'body' | 'header'): Violation {
  const path = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const extra =
    'allowedValues' in params ? `: ${(params.allowedValues as unknown[]).join(', ')}` : 'additionalProperty' in params ? `; found '${String(params.additionalProperty)}'` : '';
  const subject = `Response ${prefix} ${path.length ? `${prefix === 'body' ? 'property' : 'parameter'} ${path.join('.')} ` : ''}`;
  return { location: ['response', prefix, ...path], severity: 'Error', code: error.keyword, message: `${subject}${error.message ?? 'is invalid'}${extra}` };
}
