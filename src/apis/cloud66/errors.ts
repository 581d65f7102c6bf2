/** Cloud 66's error envelope (`{error, error_description}`), and how schema and engine failures map onto it. */
import type { EngineErrorKind, Reply, RequestContext, ValidationProblem } from '../../engine/api-module.js';
import type { LinkFailure } from './link-checks.js';
import type { Cloud66State } from './state.js';
import type { ErrorBody, ErrorId } from './types.js';

export function errorReply(status: number, error: ErrorId, description: string, example?: string): Reply {
  const body: ErrorBody = { error, error_description: description };
  return { status, body, ...(example ? { example } : {}) };
}

export const unknownPartner = (): Reply => errorReply(404, 'not_found', 'unknown partner', 'unknown-partner');
export const unknownLink = (): Reply => errorReply(404, 'not_found', 'unknown link', 'unknown-link');

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
  return errorReply(403, 'forbidden', texts[failure], failure);
}

const queryValue = (ctx: RequestContext<Cloud66State>, name: string): unknown => ctx.query[name];
const isEmpty = (v: unknown): boolean => v === undefined || v === '';

// Schema failures become the response each operation documents for them, never a generic 400/422.

export function rejectInvalidLaunch(_problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return isEmpty(queryValue(ctx, 'email'))
    ? errorReply(400, 'bad_request', 'email is missing', 'email-missing')
    : errorReply(400, 'bad_request', 'email is invalid', 'email-invalid');
}

export function rejectInvalidCallback(problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return problems.some((p) => p.field === 'uid') || isEmpty(queryValue(ctx, 'uid'))
    ? errorReply(400, 'bad_request', 'uid is missing', 'uid-missing')
    : errorReply(400, 'bad_request', 'error must be a single string', 'invalid-query');
}

export function rejectInvalidLanding(problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return ['uid', 'email', 'callback'].some((name) => isEmpty(queryValue(ctx, name))) ||
    !problems.every((p) => p.field === 'callback')
    ? errorReply(400, 'bad_request', 'missing parameters: uid, email, callback are required', 'missing-parameters')
    : errorReply(400, 'bad_request', 'callback must be an absolute URL', 'invalid-callback');
}

/** For an operation that documents nothing of its own (every operation does, today). */
export function rejectInvalid(problems: ValidationProblem[]): Reply {
  return errorReply(400, 'bad_request', problems.map((p) => p.message).join('; '));
}

/** Engine-level failures, in Cloud 66's envelope with the statuses specs/cloud66.yaml documents. */
export function engineError(kind: EngineErrorKind, message: string): Reply {
  switch (kind) {
    case 'malformed-body':
      return errorReply(400, 'bad_request', message, 'malformed-body');
    case 'unsupported-media-type':
      return errorReply(400, 'bad_request', message, 'unsupported-media-type');
    case 'payload-too-large':
      return errorReply(413, 'payload_too_large', message, 'payload-too-large');
    case 'not-found':
      return errorReply(404, 'not_found', message);
    case 'method-not-allowed':
      return errorReply(405, 'method_not_allowed', message);
  }
}
