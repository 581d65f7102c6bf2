import type { EngineErrorKind, Reply, ValidationProblem } from '../../engine/api-module.js';
import type { OemErrorBody } from './types.js';

/** An error reply; `example` is the name of the spec example it answers as. */
export function oemError(status: number, example: string | undefined, message: string): Reply {
  const body: OemErrorBody = { status, message };
  return example ? { status, body, example } : { status, body };
}

export const invalidClientCredentials = (): Reply =>
  oemError(401, 'invalid-client-credentials', 'Invalid client ID or client secret');
export const unsupportedGrantType = (): Reply => oemError(401, 'unsupported-grant-type', 'Invalid grant type');
export const invalidScope = (): Reply => oemError(401, 'invalid-scope', 'Invalid scope');
export const invalidOrganizationToken = (): Reply =>
  oemError(403, 'invalid-organization-token', 'Invalid organization token');
export const vendorNotFound = (): Reply => oemError(404, 'vendor-not-found', 'Vendor not found');
export const integrationNotFound = (): Reply => oemError(404, 'integration-not-found', 'Integration not found');
export const organizationNotFound = (): Reply => oemError(404, 'organization-not-found', 'Organization not found');
export const userNotFound = (): Reply => oemError(404, 'user-not-found', 'User not found');
export const integrationExists = (): Reply =>
  oemError(409, 'integration-exists', 'Integration already exists for this organization and vendor');
export const organizationExists = (): Reply =>
  oemError(409, 'organization-exists', 'Organization with these details already exists');
export const userExists = (): Reply => oemError(409, 'user-exists', 'User already exists');

export const malformedBody = (detail?: string): Reply =>
  oemError(400, 'malformed-body', detail ? `Malformed request body: ${detail}` : 'Malformed request body');

export const credentialsMismatch = (expected: string[]): Reply =>
  oemError(
    400,
    'credentials-mismatch',
    `Integration credentials do not match the vendor's credential template: expected ${expected.join(', ')}`,
  );

/**
 * Schema failures as the spec documents them: an unreadable body is `malformed-body`, an absent `data` or
 * required field is `missing-data`, anything else (wrong type or format) is `malformed-body` again.
 */
export function rejectInvalid(problems: ValidationProblem[]): Reply {
  return rejectNaming(problems, (fields) => fields.join(', '));
}

/**
 * [INF] An `integrationId` that cannot be an ObjectId names no integration: 404, as for an unknown id (the spec's
 * pattern says what an id looks like), after the body's 400s as the API's check order has it.
 */
export function rejectInvalidUpdateIntegration(problems: ValidationProblem[]): Reply {
  const inBody = problems.filter((p) => p.location !== 'path');
  return inBody.length > 0 ? rejectInvalid(inBody) : integrationNotFound();
}

/** DELETE /user names its user by either field; both being absent is one condition, not two. */
export function rejectInvalidDeleteUser(problems: ValidationProblem[]): Reply {
  return rejectNaming(problems, (fields) => (fields.includes('data.vendorUserId') ? 'data.vendorUserId or data.email' : fields.join(', ')));
}

function rejectNaming(problems: ValidationProblem[], missingText: (fields: string[]) => string): Reply {
  if (problems.some((p) => p.field === '')) return malformedBody();
  const missing = problems.filter((p) => p.kind === 'missing').map((p) => p.field);
  if (missing.length > 0) return oemError(400, 'missing-data', `Missing required field: ${missingText(missing)}`);
  return malformedBody(problems.map((p) => p.message).join('; '));
}

/** Engine-level failures; a body that is not JSON is the docs' "malformed request body". */
export function engineError(kind: EngineErrorKind, message: string): Reply {
  switch (kind) {
    case 'malformed-body':
    case 'unsupported-media-type':
      return malformedBody(message);
    case 'payload-too-large':
      return oemError(413, 'payload-too-large', 'Request body too large');
    case 'not-found':
      return oemError(404, undefined, `Not found: ${message}`);
    case 'method-not-allowed':
      return oemError(405, undefined, `Method not allowed: ${message}`);
  }
}
