import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ajvForBodies } from './ajv-instances.js';
import type { SpecOperation } from './operation-index.js';

export interface ResponseCheck {
  status: number;
  mediaType: string | undefined;
  body: unknown;
}

/** Checks answers against what an operation documents: used by tests, pact checks and `simulate`. */
export class ResponseValidator {
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Problems with the response, empty when it is documented and its body fits the schema. */
  check(op: SpecOperation, response: ResponseCheck): string[] {
    const responses = op.operation.responses ?? {};
    const key = String(response.status) in responses ? String(response.status) : `${String(response.status)[0]}XX` in responses ? `${String(response.status)[0]}XX` : 'default';
    const documented = responses[key] as OpenAPIV3_1.ResponseObject | undefined;
    const where = `${op.operationId} ${response.status}`;
    if (!documented) return [`${where}: status ${response.status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) {
      return response.body === undefined ? [] : [`${where}: documented without a body, but one was sent`];
    }
    const mediaType = response.mediaType && content[response.mediaType] ? response.mediaType : undefined;
    if (!mediaType) return [`${where}: media type ${response.mediaType ?? '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`];
    const validate = this.validatorFor(`${op.operationId}|${key}|${mediaType}`, content[mediaType].schema);
    if (validate(response.body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message ?? 'is invalid'}`);
  }

  private validatorFor(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = ajvForBodies().compile((schema ?? {}) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
