import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { ValidationProblem } from '../api-module.js';
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

interface Compiled {
  pathParams?: ValidateFunction;
  queryParams?: ValidateFunction;
  bodies: Map<string, ValidateFunction>;
}

/**
 * Everything needed to validate one operation's requests, compiled once: by `compile()` (the sandbox calls it
 * for every operation as soon as it listens, so start-up does not wait for Ajv), or by the first request that
 * needs it, whichever comes first. Never per request.
 */
export class RequestValidator {
  private compiled?: Compiled;
  private readonly requestBody?: OpenAPIV3_1.RequestBodyObject;
  private readonly bodyRequired: boolean;
  readonly acceptedMediaTypes: string[];

  constructor(private readonly op: SpecOperation) {
    this.requestBody = op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
    this.bodyRequired = Boolean(this.requestBody?.required);
    this.acceptedMediaTypes = Object.keys(this.requestBody?.content ?? {});
  }

  get isCompiled(): boolean {
    return this.compiled !== undefined;
  }

  compile(): Compiled {
    if (this.compiled) return this.compiled;
    const bodies = new Map<string, ValidateFunction>();
    for (const [mediaType, media] of Object.entries(this.requestBody?.content ?? {})) {
      bodies.set(mediaType, ajvForBodies().compile((media.schema ?? {}) as object));
    }
    this.compiled = { pathParams: compileParams(this.op.parameters, 'path'), queryParams: compileParams(this.op.parameters, 'query'), bodies };
    return this.compiled;
  }

  /** Checks (and coerces in place) path and query values. */
  checkParams(parts: RequestParts): ValidationProblem[] {
    const { pathParams, queryParams } = this.compile();
    const problems: ValidationProblem[] = [];
    if (pathParams && !pathParams(parts.params)) {
      problems.push(...toValidationProblems(pathParams.errors, 'path'));
    }
    if (queryParams && !queryParams(parts.query)) {
      problems.push(...toValidationProblems(queryParams.errors, 'query'));
    }
    return problems;
  }

  checkBody(parts: RequestParts): BodyCheck {
    if (parts.mediaType === undefined) {
      if (!this.bodyRequired) return { ok: true };
      return { ok: false, problems: [{ location: 'body', field: '', kind: 'missing', message: 'a request body is required' }] };
    }
    const { bodies } = this.compile();
    if (bodies.size === 0) return { ok: true };
    const validate = bodies.get(parts.mediaType);
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
