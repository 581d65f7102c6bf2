import type { EngineErrorKind, Reply, RequestContext, ValidationProblem } from '../../engine/api-module.js';
import { type BodyProblem, provisionBodyProblem, updateBodyProblem } from './body-checks.js';
import type { CenturyLinkState } from './state.js';

/** CenturyLink's envelope: `{"message": "...", "missing": [...]}`, `missing` only when fields are missing. */
export function errorReply(status: number, example: string, message: string, missing?: string[]): Reply {
  const body = missing && missing.length > 0 ? { message, missing } : { message };
  return { status, body, example };
}

/** The seed's body-level 400s as replies; undefined passes through, so callers can chain with `??`. */
export function problemReply(problem: BodyProblem | undefined): Reply | undefined {
  return problem && errorReply(400, problem.example, problem.message, problem.missing);
}

/** Top-level names of the fields the schema rejected, for a message a person can act on. */
function problemFields(problems: ValidationProblem[]): string[] {
  const names = problems.map((p) => p.field.split('.')[0]).filter((f) => f !== '');
  return [...new Set(names)];
}

function invalidMessage(noun: string, problems: ValidationProblem[]): string {
  const fields = problemFields(problems);
  return fields.length > 0 ? `Invalid ${noun}(s): ${fields.join(', ')}` : `Invalid ${noun}(s) in the request`;
}

// Schema failures become the operation's documented 400s. Missing fields are recomputed from the body rather
// than read from the problems, so that an empty string or null counts as "not provided" and every missing
// field is listed at once.

export function rejectInvalidUpdate(problems: ValidationProblem[], ctx: RequestContext<CenturyLinkState>): Reply {
  return problemReply(updateBodyProblem(ctx.body)) ?? errorReply(400, 'invalid-element', invalidMessage('element', problems));
}

export function rejectInvalidProvision(problems: ValidationProblem[], ctx: RequestContext<CenturyLinkState>): Reply {
  return problemReply(provisionBodyProblem(ctx.body)) ?? errorReply(400, 'invalid-field', invalidMessage('field', problems));
}

/** For an operation that declares no answer of its own (none does, today). */
export function rejectInvalid(problems: ValidationProblem[]): Reply {
  return errorReply(400, 'malformed-body', invalidMessage('field', problems));
}

const ENGINE_ERRORS: Record<EngineErrorKind, { status: number; example?: string; fallback: string }> = {
  'malformed-body': { status: 400, example: 'malformed-body', fallback: 'The request body must be a JSON object' },
  'unsupported-media-type': {
    status: 415,
    example: 'unsupported-media-type',
    fallback: 'The request body must be application/json',
  },
  'payload-too-large': { status: 413, example: 'payload-too-large', fallback: 'The request body is too large' },
  // No operation matched, so there is no documented example to name.
  'not-found': { status: 404, fallback: 'Not found' },
  'method-not-allowed': { status: 405, fallback: 'Method not allowed' },
};

export function engineError(kind: EngineErrorKind, message: string): Reply {
  const { status, example, fallback } = ENGINE_ERRORS[kind];
  const reply: Reply = { status, body: { message: message || fallback } };
  if (example) reply.example = example;
  return reply;
}
