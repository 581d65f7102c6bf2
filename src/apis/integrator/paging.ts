import type { Reply } from '../../engine/api-module.js';
import { errorReply } from './errors.js';
import { project, projectionOf, projectionParams, type Projection } from './projection.js';
import { clampLimit, type IntegratorState } from './state.js';

interface ListQuery {
  skip?: unknown;
  limit?: unknown;
  include?: unknown;
  exclude?: unknown;
}

/**
 * One page of a list, as every integrator.io list answers: `skip`/`limit`, a `Link` header to its neighbours,
 * `include`/`exclude`, 204 when the page is empty. `path` is the list's own path (`/v1/connections`), for `Link`;
 * `extra` are the filters the request used, carried into `Link` too.
 */
export function listPage(
  ctx: { state: IntegratorState; apiBaseUrl: string; query: ListQuery },
  docs: readonly object[],
  path: string,
  examples: { full: string; projected?: string },
  extra: Record<string, string> = {},
): Reply {
  const projection = projectionOf(ctx.query.include, ctx.query.exclude);
  if (projection === 'both') {
    return errorReply(400, 'invalid-query-params', {
      code: 'invalid_query_params',
      message: 'Please provide either include or exclude param in the request query and not both.',
    });
  }
  const skip = queryInt(ctx.query.skip) ?? 0;
  const limit = queryInt(ctx.query.limit) ?? clampLimit(ctx.state.defaultPageLimit);
  const page = docs.slice(skip, skip + limit);
  if (page.length === 0) return { status: 204 };
  const body = page.map((doc) => project(doc, projection));
  const link = linkHeader(`${ctx.apiBaseUrl}${path}`, skip, limit, docs.length, { ...extra, ...projectionParams(projection) });
  const projected = projection.include || projection.exclude;
  const example = projected && examples.projected ? examples.projected : examples.full;
  return { status: 200, body, example, ...(link ? { headers: { Link: link } } : {}) };
}

// The engine coerces query parameters to the schema's type; accept the raw string as well.
function queryInt(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

/** RFC 5988 links with absolute URLs; `next` while more remain, `prev` when `skip` is above 0. */
function linkHeader(url: string, skip: number, limit: number, total: number, params: Record<string, string>): string | undefined {
  const at = (s: number) => `<${url}?${new URLSearchParams({ skip: String(s), limit: String(limit), ...params }).toString()}>`;
  const links: string[] = [];
  if (skip + limit < total) links.push(`${at(skip + limit)}; rel="next"`);
  if (skip > 0) links.push(`${at(Math.max(0, skip - limit))}; rel="prev"`);
  return links.length > 0 ? links.join(', ') : undefined;
}

