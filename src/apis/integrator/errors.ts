import type { EngineErrorKind, Reply, ValidationProblem } from '../../engine/api-module.js';
import type { ErrorCode, ErrorEntry } from './types.js';

/** integrator.io's envelope: `errors` is always an array, one entry per failure. */
export function errorReply(status: number, example: string | undefined, entries: ErrorEntry | ErrorEntry[]): Reply {
  const errors = Array.isArray(entries) ? entries : [entries];
  return { status, body: { errors }, ...(example ? { example } : {}) };
}

export function notFound(): Reply {
  return errorReply(404, 'not-found', { code: 'not_found', message: 'Integration not found for the given id.' });
}

/** The resources beside integrations, as their 404 names them. */
export type ResourceName = 'Connection' | 'Export' | 'Import' | 'Flow' | 'Job' | 'Script' | 'AShare';

/** `404 {"errors":[{"code":"not_found","message":"Connection not found for the given id."}]}`, example `connection-not-found`. */
export function notFoundOf(resource: ResourceName): Reply {
  return errorReply(404, `${resource.toLowerCase()}-not-found`, { code: 'not_found', message: `${resource} not found for the given id.` });
}

type Rejection = (problems: ValidationProblem[]) => Reply;

/**
 * Schema failures as the operation documents them. In every operation a bad `_id` is an unknown id (404) and bad
 * query parameters are 400 `invalid_query_params`; what else failed is answered by `rest`, the operation's own,
 * including failures not expected (the spec has no header parameters) with a status the operation documents.
 */
function rejecting(rest: Rejection, unknownId: () => Reply = notFound): Rejection {
  return (problems) => {
    if (problems.some((p) => p.location === 'path')) return unknownId();
    const query = problems.filter((p) => p.location === 'query');
    if (query.length > 0) return queryProblems(query);
    return rest(problems);
  };
}

/** The API's default, for the operations that take no body. */
export const rejectInvalid = rejecting(() => notFound());

export const rejectInvalidList = rejecting((problems) => errorReply(400, undefined, { code: 'invalid_query_params', message: messageOf(problems) }));

/** createIntegration and updateIntegration: any body failure is 422. */
export const rejectInvalidBody = rejecting(bodyProblems);

/** An operation on another resource without a body: a bad id is that resource's 404. */
export const rejectInvalidFor = (resource: ResourceName): Rejection => rejecting(() => notFoundOf(resource), () => notFoundOf(resource));

/** An operation on another resource with a body: a bad id is its 404, a body failure 422 (missing or invalid field). */
export const rejectInvalidBodyFor = (resource: ResourceName): Rejection => rejecting(bodyProblems, () => notFoundOf(resource));

/** cloneIntegration: a bad `connectionMap` is 400 `invalid_connectionMap`, any other body failure 422. */
export const rejectInvalidClone = rejecting((problems) => {
  const mapProblems = problems.filter((p) => p.location === 'body' && isConnectionMapField(p.field));
  if (mapProblems.length === 0) return bodyProblems(problems);
  return errorReply(400, 'invalid-connection-map', mapProblems.map((p) => ({
    code: 'invalid_connectionMap', message: sentence(p.message), field: 'connectionMap',
  })));
});

function queryProblems(problems: ValidationProblem[]): Reply {
  const first = problems[0];
  const example = first.field === 'include' || first.field === 'exclude' ? 'invalid-projection' : 'invalid-paging';
  return errorReply(400, example, problems.map((p) => ({ code: 'invalid_query_params', message: queryMessage(p), field: p.field })));
}

function queryMessage(p: ValidationProblem): string {
  if (p.field === 'include' || p.field === 'exclude') {
    return `The ${p.field} param may only contain field names separated by commas.`;
  }
  if (p.field === 'limit') return 'limit must be an integer from 1 to 1000.';
  if (p.field === 'skip') return 'skip must be an integer of at least 0.';
  return sentence(p.message);
}

function bodyProblems(problems: ValidationProblem[]): Reply {
  const body = problems.filter((p) => p.location === 'body');
  if (body.length === 0) return errorReply(422, undefined, { code: 'invalid_field', message: messageOf(problems) });
  const entries = body.map(bodyEntry);
  const example = entries[0].code === 'missing_required_field' ? 'missing-required-field' : 'invalid-field';
  return errorReply(422, example, entries);
}

function isConnectionMapField(field: string): boolean {
  return field === 'connectionMap' || field.startsWith('connectionMap.');
}

function bodyEntry(p: ValidationProblem): ErrorEntry {
  const code: ErrorCode = p.kind === 'missing' ? 'missing_required_field' : 'invalid_field';
  if (p.field === '') return { code, message: p.kind === 'missing' ? 'A JSON body is required.' : sentence(p.message) };
  return { code, message: sentence(p.message), field: p.field };
}

// The engine's messages already name the field (`mode must be equal to one of the allowed values`).
function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

function messageOf(problems: ValidationProblem[]): string {
  return problems.map((p) => sentence(p.message)).join(' ') || 'Invalid request.';
}

/** Failures the engine finds before routing to a handler, in this API's envelope. */
export function engineError(kind: EngineErrorKind, message: string): Reply {
  switch (kind) {
    case 'malformed-body':
      return errorReply(400, 'malformed-json', { code: 'malformed_json', message: `Malformed JSON: ${message}` });
    case 'unsupported-media-type':
      return errorReply(400, 'unsupported-media-type', { code: 'unsupported_media_type', message: 'Content-Type must be application/json.' });
    case 'payload-too-large':
      return errorReply(413, 'payload-too-large', { code: 'payload_too_large', message: 'The request body is too large.' });
    case 'not-found':
      return errorReply(404, undefined, { code: 'not_found', message });
    case 'method-not-allowed':
      return errorReply(405, undefined, { code: 'method_not_allowed', message });
  }
}
