import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { errorReply } from '../errors.js';
import { clampLimit, type IntegrationDoc, type IntegratorState } from '../state.js';
import type { OperationContext } from '../types.js';

/** GET /v1/integrations: one page, `Link` to its neighbours, 204 when the page is empty. */
export function listIntegrations(ctx: OperationContext<'listIntegrations'>): Reply {
  const include = queryString(ctx.query.include);
  const exclude = queryString(ctx.query.exclude);
  if (include !== undefined && exclude !== undefined) {
    return errorReply(400, 'invalid-query-params', {
      code: 'invalid_query_params',
      message: 'Please provide either include or exclude param in the request query and not both.',
    });
  }
  const skip = queryInt(ctx.query.skip) ?? 0;
  const limit = queryInt(ctx.query.limit) ?? clampLimit(ctx.state.defaultPageLimit);
  const { order, integrations } = ctx.state;
  const page = order.slice(skip, skip + limit);
  if (page.length === 0) return { status: 204 };

  const projection = include ? { include, exclude: undefined } : { include: undefined, exclude };
  const body = page.map((id) => project(integrations[id], projection.include, projection.exclude));
  const link = linkHeader(ctx, skip, limit, order.length, projection);
  const example = include || exclude ? 'projected' : 'integrations';
  return { status: 200, body, example, ...(link ? { headers: { Link: link } } : {}) };
}

function queryString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// The engine coerces query parameters to the schema's type; accept the raw string as well.
function queryInt(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

// `_id` always stays, as with a MongoDB projection ([INF] in the spec). Values are not copied: stored documents
// are never changed in place, and the engine serialises the answer.
function project(doc: IntegrationDoc, include?: string, exclude?: string): Record<string, unknown> {
  if (include === undefined && exclude === undefined) return doc;
  if (include) {
    const keep = new Set(['_id', ...include.split(',')]);
    return Object.fromEntries(Object.entries(doc).filter(([key]) => keep.has(key)));
  }
  const drop = new Set((exclude ?? '').split(',').filter((key) => key !== '_id'));
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !drop.has(key)));
}

interface Projection {
  include?: string;
  exclude?: string;
}

/** RFC 5988 links with absolute URLs; `next` while more remain, `prev` when `skip` is above 0. */
function linkHeader(
  ctx: RequestContext<IntegratorState>,
  skip: number,
  limit: number,
  total: number,
  projection: Projection,
): string | undefined {
  const links: string[] = [];
  if (skip + limit < total) links.push(`<${pageUrl(ctx, skip + limit, limit, projection)}>; rel="next"`);
  if (skip > 0) links.push(`<${pageUrl(ctx, Math.max(0, skip - limit), limit, projection)}>; rel="prev"`);
  return links.length > 0 ? links.join(', ') : undefined;
}

function pageUrl(ctx: RequestContext<IntegratorState>, skip: number, limit: number, projection: Projection): string {
  const params = new URLSearchParams({ skip: String(skip), limit: String(limit) });
  if (projection.include) params.set('include', projection.include);
  if (projection.exclude) params.set('exclude', projection.exclude);
  return `${ctx.apiBaseUrl}/v1/integrations?${params.toString()}`;
}
