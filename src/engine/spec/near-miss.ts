import type { SpecOperation } from './operation-index.js';

/** The operation a request that matched none came closest to, and what kept it from matching. */
export interface NearMiss {
  api: string;
  operationId: string;
  method: string;
  /** The operation's path as the client would send it: the API's mount prefix and the spec's template. */
  path: string;
  /** 0 would be a match; each differing letter of a path segment, a missing or extra segment or the method adds to it. */
  distance: number;
  why: string[];
}

export interface Candidates {
  api: string;
  prefix: string;
  operations: SpecOperation[];
}

// [INF] A wrong method costs as much as two mistyped letters: `GET /flows/{id}/run` sent for `POST` is nearer than
// `POST /flow/{id}/run`, and either is nearer than a path missing a segment.
const METHOD_COST = 2;
const SEGMENT_COST = 4;

/**
 * WireMock's near misses for a request no operation matched: every operation of every API scored by how far its
 * method and path are from the request's, segment by segment (a `{param}` takes any non-empty segment).
 */
export function closestOperation(apis: Candidates[], method: string, path: string): NearMiss | undefined {
  const sent = segments(path);
  let best: NearMiss | undefined;
  for (const api of apis) {
    for (const op of api.operations) {
      const template = segments(api.prefix + op.pathTemplate);
      const scored = score(sent, template);
      const methodDiffers = op.method.toUpperCase() !== method.toUpperCase();
      const distance = scored.distance + (methodDiffers ? METHOD_COST : 0);
      if (best && distance >= best.distance) continue;
      const why = [...scored.why];
      if (methodDiffers) why.push(`the method is ${method.toUpperCase()}; the operation takes ${op.method.toUpperCase()}`);
      best = { api: api.api, operationId: op.operationId, method: op.method.toUpperCase(), path: api.prefix + op.pathTemplate, distance, why };
    }
  }
  return best;
}

/** An alignment of the sent segments to the template's (an edit distance over segments), with its reasons. */
function score(sent: string[], template: string[]): { distance: number; why: string[] } {
  const rows = sent.length + 1;
  const cols = template.length + 1;
  const cost: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 || j === 0 ? (i + j) * SEGMENT_COST : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      cost[i][j] = Math.min(cost[i - 1][j - 1] + segmentCost(sent[i - 1], template[j - 1]), cost[i - 1][j] + SEGMENT_COST, cost[i][j - 1] + SEGMENT_COST);
    }
  }
  // Walks the cheapest alignment back to say, in the client's terms, which segments differ.
  const why: string[] = [];
  let i = sent.length;
  let j = template.length;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && cost[i][j] === cost[i - 1][j - 1] + segmentCost(sent[i - 1], template[j - 1])) {
      if (segmentCost(sent[i - 1], template[j - 1]) > 0) why.unshift(`segment ${i} is ${JSON.stringify(sent[i - 1])}; the operation has ${JSON.stringify(template[j - 1])}`);
      i--;
      j--;
    } else if (i > 0 && cost[i][j] === cost[i - 1][j] + SEGMENT_COST) {
      why.unshift(`segment ${i}, ${JSON.stringify(sent[i - 1])}, is not in the operation's path`);
      i--;
    } else {
      why.unshift(`the operation's path has ${JSON.stringify(template[j - 1])} after segment ${i}, which the request lacks`);
      j--;
    }
  }
  return { distance: cost[sent.length][template.length], why };
}

function segmentCost(sent: string, template: string): number {
  if (/^\{[^}]+\}$/.test(template)) return sent === '' ? SEGMENT_COST : 0;
  return Math.min(letters(sent, template), SEGMENT_COST);
}

/** Levenshtein distance between two short strings. */
function letters(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, row[j - 1] + 1);
    prev = row;
  }
  return prev[b.length];
}

/** A path's segments, a trailing slash ignored as the operation index ignores it. */
function segments(path: string): string[] {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.slice(1).split('/');
}
