import type { Reply } from './api-module.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The sandbox's own errors (admin API, scenarios, impossible `Prefer`) as RFC 9457 problem details. */
export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    headers: { 'content-type': PROBLEM_MEDIA_TYPE },
    body: { type: `/__sandbox/problems/${slug(title)}`, title, status, ...(detail ? { detail } : {}), ...extra },
  };
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
