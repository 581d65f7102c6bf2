/** Cloud 66's error envelope (`{error, error_description}`), and how schema and engine failures map onto it. */
import type { EngineErrorKind, Reply, RequestContext, ValidationProblem } from '../../engine/api-module.js';
import type { LinkFailure } from './link-checks.js';
import type { Cloud66State } from './state.js';
import type { ErrorBody, ErrorId } from './types.js';

/** Arguments in the order every API's `errorReply` takes them: status, the spec example it is, then the envelope. */
export function errorReply(status: number, example: string | undefined, error: ErrorId, description: string): Reply {
  const body: ErrorBody = { error, error_description: description };
  return { status, body, ...(example ? { example } : {}) };
}

export const unknownPartner = (): Reply => errorReply(404, 'unknown-partner', 'not_found', 'unknown partner');
export const unknownLink = (): Reply => errorReply(404, 'unknown-link', 'not_found', 'unknown link');

/** The seed's exact texts; `xxx` in "xxx is already linked" is the partner's service name. */
export function linkFailureReply(failure: LinkFailure, serviceName: string): Reply {
  const texts: Record<LinkFailure, string> = {
    'link-uid-missing': 'link_uid is missing',
    'user-email-missing': 'user_email is missing',
    'invalid-user-email':
      'invalid user_email (invalid email or not enough privileges to accept this integration by this user).',
    'invalid-link-uid': 'invalid link_uid',
    'already-linked': `${serviceName} is already linked to this account`,
    'integration-specific-error': `${serviceName}: invalid project_uid`,
  };
  return errorReply(403, failure, 'forbidden', texts[failure]);
}

const queryValue = (ctx: RequestContext<Cloud66State>, name: string): unknown => ctx.query[name];
const isEmpty = (v: unknown): boolean => v === undefined || v === '';

// Schema failures become the response each operation documents for them, never a generic 400/422.

export function rejectInvalidLaunch(_problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return isEmpty(queryValue(ctx, 'email'))
    ? errorReply(400, 'email-missing', 'bad_request', 'email is missing')
    : errorReply(400, 'email-invalid', 'bad_request', 'email is invalid');
}

export function rejectInvalidCallback(problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return problems.some((p) => p.field === 'uid') || isEmpty(queryValue(ctx, 'uid'))
    ? errorReply(400, 'uid-missing', 'bad_request', 'uid is missing')
    : errorReply(400, 'invalid-query', 'bad_request', 'error must be a single string');
}

export function rejectInvalidLanding(problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return ['uid', 'email', 'callback'].some((name) => isEmpty(queryValue(ctx, name))) ||
    !problems.every((p) => p.field === 'callback')
    ? errorReply(400, 'missing-parameters', 'bad_request', 'missing parameters: uid, email, callback are required')
    : errorReply(400, 'invalid-callback', 'bad_request', 'callback must be an absolute URL');
}

/** For an operation that documents nothing of its own (every operation does, today). */
export function rejectInvalid(problems: ValidationProblem[]): Reply {
  return errorReply(400, undefined, 'bad_request', problems.map((p) => p.message).join('; '));
}

/** Engine-level failures, in Cloud 66's envelope with the statuses specs/cloud66.yaml documents. */
export function engineError(kind: EngineErrorKind, message: string): Reply {
  switch (kind) {
    case 'malformed-body':
      return errorReply(400, 'malformed-body', 'bad_request', message);
    case 'unsupported-media-type':
      return errorReply(400, 'unsupported-media-type', 'bad_request', message);
    case 'payload-too-large':
      return errorReply(413, 'payload-too-large', 'payload_too_large', message);
    case 'not-found':
      return errorReply(404, undefined, 'not_found', message);
    case 'method-not-allowed':
      return errorReply(405, undefined, 'method_not_allowed', message);
  }
}
