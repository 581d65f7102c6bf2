import type { ValidationProblem } from '../engine/api-module.js';
import type { RequestParts, RequestValidator } from '../engine/spec/request-validator.js';
import type { Violation } from './violation.js';

// The engine's problem kinds back to the Ajv keyword Prism reports; `length` covers several keywords, so it stays ours.
const CODE_OF_KIND: Record<ValidationProblem['kind'], string> = {
  missing: 'required',
  additional: 'additionalProperties',
  type: 'type',
  format: 'format',
  enum: 'enum',
  pattern: 'pattern',
  length: 'length',
  other: 'other',
};

/**
 * A request against its operation, through the sandbox's own validators (the ones `serve` answers with), so the
 * proxy and the mock agree on what a valid request is. Query and path values are checked as strings coerced to
 * their schema types, exactly as `serve` does.
 */
export function checkRequest(validator: RequestValidator, parts: RequestParts): Violation[] {
  const violations = validator.checkParams(parts).map(toViolation);
  const body = validator.checkBody(parts);
  if (body.ok) return violations;
  if ('unsupported' in body) {
    violations.push({
      location: ['request', 'body'],
      severity: 'Error',
      code: 'mediaType',
      message: `Request body media type ${parts.mediaType} is not accepted (accepted: ${body.accepted.join(', ')})`,
    });
    return violations;
  }
  return violations.concat(body.problems.map(toViolation));
}

function toViolation(p: ValidationProblem): Violation {
  const field = p.field ? p.field.split('.') : [];
  const subject = `Request ${p.location}${field.length ? ` ${p.location === 'body' ? 'property' : 'parameter'} ${p.field}` : ''}`;
  return { location: ['request', p.location, ...field], severity: 'Error', code: CODE_OF_KIND[p.kind], message: `${subject}: ${p.message}` };
}
