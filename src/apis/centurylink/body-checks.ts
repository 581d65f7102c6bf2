/** A 400 the seed (or our reading of it) documents, before it is put in the envelope. */
export interface BodyProblem {
  example: 'malformed-body' | 'required-element-missing' | 'expired-date-missing' | 'required-field-missing';
  message: string;
  missing?: string[];
}

const MALFORMED: BodyProblem = { example: 'malformed-body', message: 'The request body must be a JSON object' };

/** [INF] The seed's template sends `''` for unset elements, so empty strings and null count as "not provided". */
export function isProvided(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** [INF] `expired` is "True or False": a boolean or the string, in any letter case. */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

const UPDATE_REQUIRED = ['coid', 'expired', 'sku', 'providerkey'] as const;
const PROVISION_REQUIRED = ['resellerkey', 'name', 'email'] as const;

type BodyShape = { kind: 'object'; body: Record<string, unknown> } | { kind: 'malformed' };

/** No body at all reads as an empty object (every field missing); any other non-object is malformed. */
function bodyShape(body: unknown): BodyShape {
  if (body === undefined) return { kind: 'object', body: {} };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'malformed' };
  return { kind: 'object', body: body as Record<string, unknown> };
}

function missingOf(body: Record<string, unknown>, required: readonly string[]): string[] {
  return required.filter((field) => !isProvided(body[field]));
}

/** The seed's two update failures, in the documented order; undefined when neither applies. */
export function updateBodyProblem(raw: unknown): BodyProblem | undefined {
  const shape = bodyShape(raw);
  if (shape.kind === 'malformed') return MALFORMED;
  const missing = missingOf(shape.body, UPDATE_REQUIRED);
  if (missing.length > 0) return { example: 'required-element-missing', message: 'Required element(s) not provided', missing };
  if (isTrue(shape.body.expired) && !isProvided(shape.body['expired-date'])) {
    return {
      example: 'expired-date-missing',
      message: "expired set to 'true' & expired-date not provided",
      missing: ['expired-date'],
    };
  }
  return undefined;
}

export function provisionBodyProblem(raw: unknown): BodyProblem | undefined {
  const shape = bodyShape(raw);
  if (shape.kind === 'malformed') return MALFORMED;
  const missing = missingOf(shape.body, PROVISION_REQUIRED);
  if (missing.length > 0) return { example: 'required-field-missing', message: 'Required field(s) not provided', missing };
  return undefined;
}
