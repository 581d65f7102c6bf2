import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { ValidationProblem } from './api-module.js';
import { ajvForBodies, ajvForParams } from './ajv-instances.js';
import type { SpecOperation } from './operation-index.js';
import { toValidationProblems } from './validation-problems.js';

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The media type the body arrived as (`application/json`), undefined when there was no body. */
  mediaType: string | undefined;
  body: unknown;
}

export type BodyCheck = { ok: true } | { ok: false; unsupported: true; accepted: string[] } | { ok: false; problems: ValidationProblem[] };

/** Everything needed to validate one operation's requests, compiled once at start-up. */
export class RequestValidator {
  private readonly pathParams?: ValidateFunction;
  private readonly queryParams?: ValidateFunction;
  private readonly bodies = new Map<string, ValidateFunction>();
  private readonly bodyRequired: boolean;
  readonly acceptedMediaTypes: string[];

  constructor(op: SpecOperation) {
    this.pathParams = compileParams(op.parameters, 'path');
    this.queryParams = compileParams(op.parameters, 'query');
    const requestBody = op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
    this.bodyRequired = Boolean(requestBody?.required);
    for (const [mediaType, media] of Object.entries(requestBody?.content ?? {})) {
      this.bodies.set(mediaType, ajvForBodies().compile((media.schema ?? {}) as object));
    }
    this.acceptedMediaTypes = [...this.bodies.keys()];
  }

  /** Checks (and coerces in place) path and query values. */
  checkParams(parts: RequestParts): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    if (this.pathParams && !this.pathParams(parts.params)) {
      problems.push(...toValidationProblems(this.pathParams.errors, 'path'));
    }
    if (this.queryParams && !this.queryParams(parts.query)) {
      problems.push(...toValidationProblems(this.queryParams.errors, 'query'));
    }
    return problems;
  }

  checkBody(parts: RequestParts): BodyCheck {
    if (parts.mediaType === undefined) {
      if (!this.bodyRequired) return { ok: true };
      return { ok: false, problems: [{ location: 'body', field: '', kind: 'missing', message: 'a request body is required' }] };
    }
    if (this.bodies.size === 0) return { ok: true };
    const validate = this.bodies.get(parts.mediaType);
    if (!validate) return { ok: false, unsupported: true, accepted: this.acceptedMediaTypes };
    if (validate(parts.body)) return { ok: true };
    return { ok: false, problems: toValidationProblems(validate.errors, 'body') };
  }
}

function compileParams(parameters: OpenAPIV3_1.ParameterObject[], location: 'path' | 'query'): ValidateFunction | undefined {
  const relevant = parameters.filter((p) => p.in === location);
  if (relevant.length === 0) return undefined;
  const schema = {
    type: 'object',
    properties: Object.fromEntries(relevant.map((p) => [p.name, (p.schema ?? {}) as object])),
    required: relevant.filter((p) => p.required).map((p) => p.name),
  };
  return ajvForParams().compile(schema);
}
