import type { ErrorObject } from 'ajv';
import type { ValidationProblem } from '../api-module.js';

/** Turns Ajv's errors into problems named by field, so each API can pick its documented answer. */
export function toValidationProblems(
  errors: ErrorObject[] | null | undefined,
  location: ValidationProblem['location'],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    // anyOf/oneOf only summarise the branch errors already listed.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const problem = toProblem(error, location);
    const key = `${problem.field}|${problem.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, location: ValidationProblem['location']): ValidationProblem {
  const base = pointerToDotted(error.instancePath);
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const field = base ? `${base}.${missing}` : missing;
    return { location, field, kind: 'missing', message: `${field} is required` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const field = base ? `${base}.${extra}` : extra;
    return { location, field, kind: 'additional', message: `${field} is not allowed` };
  }
  const subject = base || (location === 'body' ? 'body' : location);
  return { location, field: base, kind: kindOf(error.keyword), message: `${subject} ${error.message ?? 'is invalid'}` };
}

function kindOf(keyword: string): ValidationProblem['kind'] {
  switch (keyword) {
    case 'type':
      return 'type';
    case 'format':
      return 'format';
    case 'enum':
    case 'const':
      return 'enum';
    case 'pattern':
      return 'pattern';
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minimum':
    case 'maximum':
    case 'minProperties':
    case 'maxProperties':
      return 'length';
    default:
      return 'other';
  }
}

function pointerToDotted(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
