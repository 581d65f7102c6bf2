import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isRfc5321Mailbox } from './email-format.js';

/**
 * Two validators built once per process: bodies are checked exactly as sent (no coercion, so `"5"` is not
 * a number), while path and query values, which arrive as strings, are coerced to their schema types.
 */
function makeAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, validateFormats: true });
  addFormats.default(ajv);
  // The specs' `format: email` means what JSON Schema says it means (email-format.ts), not ajv-formats' stricter rule.
  ajv.addFormat('email', { type: 'string', validate: isRfc5321Mailbox });
  // OpenAPI annotations that are not JSON Schema keywords.
  ajv.addKeyword({ keyword: 'example' });
  return ajv;
}

let bodyAjv: Ajv2020 | undefined;
let paramAjv: Ajv2020 | undefined;

export function ajvForBodies(): Ajv2020 {
  return (bodyAjv ??= makeAjv(false));
}

export function ajvForParams(): Ajv2020 {
  return (paramAjv ??= makeAjv(true));
}
