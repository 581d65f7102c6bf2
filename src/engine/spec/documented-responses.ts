import type { OpenAPIV3_1 } from 'openapi-types';
import type { Reply } from '../api-module.js';
import type { SpecOperation } from './operation-index.js';

/** What an operation documents, as a `Prefer` or a scenario may ask for it. */
export interface DocumentedResponse {
  status: number;
  examples: string[];
}

export interface ResponseWish {
  code?: number;
  example?: string;
}

export type Pick =
  | { ok: true; status: number; example?: string; body?: unknown; mediaType?: string; schema?: unknown; headers: Record<string, string> }
  | { ok: false; reason: string; documented: DocumentedResponse[] };

export function documentedResponses(op: SpecOperation): DocumentedResponse[] {
  return Object.entries(op.operation.responses ?? {})
    .filter(([code]) => /^\d{3}$/.test(code))
    .map(([code, response]) => ({ status: Number(code), examples: exampleNames(response as OpenAPIV3_1.ResponseObject) }));
}

function exampleNames(response: OpenAPIV3_1.ResponseObject): string[] {
  return Object.values(response.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}));
}

/**
 * The documented response a wish names: by code, by example name, or both (Prism's rules). Without an example
 * the first one of that code is used; an undocumented code or example is refused with what is documented.
 */
export function pickDocumented(op: SpecOperation, wish: ResponseWish): Pick {
  const documented = documentedResponses(op);
  const code = wish.code ?? (wish.example ? documented.find((d) => d.examples.includes(wish.example!))?.status : undefined) ?? lowestSuccess(documented);
  const found = documented.find((d) => d.status === code);
  if (!found) {
    const reason = wish.code !== undefined ? `${op.operationId} does not document status ${wish.code}` : `${op.operationId} has no example named "${wish.example}"`;
    return { ok: false, reason, documented };
  }
  if (wish.example && !found.examples.includes(wish.example)) {
    return { ok: false, reason: `${op.operationId} ${found.status} has no example named "${wish.example}"`, documented };
  }
  const response = op.operation.responses![String(found.status)] as OpenAPIV3_1.ResponseObject;
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
  const name = wish.example ?? found.examples[0];
  const example = name && media?.examples ? (media.examples[name] as OpenAPIV3_1.ExampleObject | undefined) : undefined;
  return { ok: true, status: found.status, example: name, body: example?.value, mediaType, schema: media?.schema, headers: documentedHeaders(response) };
}

function lowestSuccess(documented: DocumentedResponse[]): number | undefined {
  return documented.filter((d) => d.status < 400).sort((a, b) => a.status - b.status)[0]?.status ?? documented[0]?.status;
}

/** Header values from the spec's own examples (a 429's `Retry-After`, a 302's `Location`). */
function documentedHeaders(response: OpenAPIV3_1.ResponseObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, header] of Object.entries(response.headers ?? {}) as [string, OpenAPIV3_1.HeaderObject][]) {
    const schema = (header.schema ?? {}) as { example?: unknown; examples?: unknown[]; default?: unknown };
    const named = Object.values(header.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
    const value = header.example ?? named?.value ?? schema.example ?? schema.examples?.[0] ?? schema.default;
    if (value !== undefined) out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** The forced answer as a Reply; `body` overrides the example (a generated one, for `dynamic`). */
export function replyFromPick(pick: Extract<Pick, { ok: true }>, body: unknown = pick.body): Reply {
  const headers = { ...pick.headers };
  if (body !== undefined && pick.mediaType) headers['content-type'] = pick.mediaType;
  return { status: pick.status, body, headers, example: pick.example };
}
