import { readFileSync } from 'node:fs';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { RequestValidator } from '../engine/spec/request-validator.js';
import { ResponseValidator } from '../engine/spec/response-validator.js';

interface PactInteractionJson {
  description: string;
  request: { method: string; path: string; query?: Record<string, string[]>; headers?: Record<string, string[]>; body?: { content?: unknown; contentType?: string } };
  response: { status: number; headers?: Record<string, string[]>; body?: { content?: unknown; contentType?: string } };
}

const responses = new ResponseValidator();

/**
 * Every interaction of a pact checked against the OpenAPI spec of the API it talks to: the request matches an
 * operation (and its schemas, when a success is expected), the response is documented for it and fits its schema. `mountedAt` is where the
 * pact's paths live in the sandbox (`/integrator`, `/cloud66/reference-partner/acme`).
 */
export function checkPactAgainstSpec(pactFile: string, runtimes: ApiRuntime[], mountedAt: string): string[] {
  const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as { interactions: PactInteractionJson[] };
  return pact.interactions.flatMap((interaction) => checkInteraction(interaction, runtimes, mountedAt).map((p) => `${interaction.description}: ${p}`));
}

function checkInteraction(interaction: PactInteractionJson, runtimes: ApiRuntime[], mountedAt: string): string[] {
  const fullPath = mountedAt.replace(/\/$/, '') + interaction.request.path;
  const runtime = runtimes.find((r) => fullPath.startsWith(`${r.module.prefix}/`));
  if (!runtime) return [`no API is mounted at ${fullPath}`];
  const match = runtime.index.match(interaction.request.method.toUpperCase(), fullPath.slice(runtime.module.prefix.length));
  if (match.kind !== 'matched') return [`${interaction.request.method} ${fullPath} is no operation of ${runtime.module.specFile}`];
  const { request, response } = interaction;
  const validator = new RequestValidator(match.op);
  const query = Object.fromEntries(Object.entries(request.query ?? {}).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const parts = { params: { ...match.params }, query, mediaType: request.body ? mediaType(request.body.contentType, request.headers) : undefined, body: request.body?.content };
  const problems: string[] = [];
  // An interaction expecting a 4xx may send an invalid request on purpose; its response is still checked.
  if (response.status < 400) {
    problems.push(...validator.checkParams(parts).map((p) => `request ${p.location} ${p.message}`));
    const body = validator.checkBody(parts);
    if (!body.ok) problems.push('unsupported' in body ? `request media type not accepted (${body.accepted.join(', ')})` : body.problems.map((p) => `request ${p.message}`).join('; '));
  }
  const responseBody = response.body?.content;
  problems.push(
    ...responses.check(match.op, {
      status: response.status,
      mediaType: responseBody === undefined ? undefined : mediaType(response.body?.contentType, response.headers),
      body: responseBody,
    }).filter((p) => responseBody !== undefined || !p.includes('media type')),
  );
  return problems;
}

function mediaType(contentType: string | undefined, headers: Record<string, string[]> | undefined): string {
  const header = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1]?.[0];
  return (contentType ?? header ?? 'application/json').split(';')[0].trim().toLowerCase();
}
