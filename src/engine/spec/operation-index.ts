import type { OpenAPIV3_1 } from 'openapi-types';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  operation: OpenAPIV3_1.OperationObject;
  /** Path-item and operation parameters merged, the operation's winning on a name clash. */
  parameters: OpenAPIV3_1.ParameterObject[];
}

interface CompiledPath {
  template: string;
  pattern: RegExp;
  paramNames: string[];
  byMethod: Map<string, SpecOperation>;
  /** Its place in the match order (literal paths first). */
  rank: number;
}

/**
 * The templates by their segments: a literal segment is a key, any segment with a parameter in it (`{_id}`,
 * `{providerName}-provision-account`) the one wildcard. A request's segments reach the few templates it can fit,
 * which the full pattern then decides, so a spec with many paths costs a request no more than one with few.
 */
interface SegmentNode {
  literal: Map<string, SegmentNode>;
  wildcard?: SegmentNode;
  templates: CompiledPath[];
}

const newNode = (): SegmentNode => ({ literal: new Map(), templates: [] });

export type OperationMatch =
  | { kind: 'matched'; op: SpecOperation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/** Lists every operation of a dereferenced spec. */
export function listOperations(spec: OpenAPIV3_1.Document): SpecOperation[] {
  const ops: SpecOperation[] = [];
  for (const [pathTemplate, item] of Object.entries(spec.paths ?? {})) {
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenAPIV3_1.OperationObject | undefined;
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${pathTemplate} has no operationId`);
      ops.push({
        operationId: operation.operationId,
        method,
        pathTemplate,
        operation,
        parameters: mergeParameters(item.parameters, operation.parameters),
      });
    }
  }
  return ops;
}

function mergeParameters(pathLevel: unknown[] | undefined, opLevel: unknown[] | undefined): OpenAPIV3_1.ParameterObject[] {
  const merged = new Map<string, OpenAPIV3_1.ParameterObject>();
  for (const p of [...(pathLevel ?? []), ...(opLevel ?? [])] as OpenAPIV3_1.ParameterObject[]) {
    merged.set(`${p.in}:${p.name}`, p);
  }
  return [...merged.values()];
}

/**
 * Matches request paths against the spec's templates. A trailing slash is optional on both sides, because
 * the CenturyLink seed writes its paths with one and clients send them either way.
 */
export class OperationIndex {
  private readonly root: SegmentNode = newNode();

  constructor(operations: SpecOperation[]) {
    const byTemplate = new Map<string, CompiledPath>();
    for (const op of operations) {
      let compiled = byTemplate.get(op.pathTemplate);
      if (!compiled) {
        compiled = { template: op.pathTemplate, byMethod: new Map(), rank: 0, ...compileTemplate(op.pathTemplate) };
        byTemplate.set(op.pathTemplate, compiled);
      }
      compiled.byMethod.set(op.method.toUpperCase(), op);
    }
    // Literal paths win over templated ones (`/integration/list` before `/integration/{id}`).
    const ordered = [...byTemplate.values()].sort((a, b) => a.paramNames.length - b.paramNames.length);
    ordered.forEach((path, rank) => {
      path.rank = rank;
      let node = this.root;
      for (const segment of stripTrailingSlash(path.template).split('/')) {
        if (segment.includes('{')) node = node.wildcard ??= newNode();
        else {
          let next = node.literal.get(segment);
          if (!next) node.literal.set(segment, (next = newNode()));
          node = next;
        }
      }
      node.templates.push(path);
    });
  }

  /** The templates whose segments a path's segments fit, in match order. */
  private candidates(path: string): CompiledPath[] {
    const segments = path.split('/');
    const found: CompiledPath[] = [];
    const walk = (node: SegmentNode, i: number): void => {
      if (i === segments.length) {
        found.push(...node.templates);
        return;
      }
      const literal = node.literal.get(segments[i]);
      if (literal) walk(literal, i + 1);
      if (node.wildcard) walk(node.wildcard, i + 1);
    };
    walk(this.root, 0);
    return found.length > 1 ? found.sort((a, b) => a.rank - b.rank) : found;
  }

  match(method: string, requestPath: string): OperationMatch {
    const normalized = stripTrailingSlash(requestPath);
    // Every template the path fits counts for `Allow` (`/integration/list` is POST there and PATCH as `{id}`).
    let allowed: Set<string> | undefined;
    for (const candidate of this.candidates(normalized)) {
      const m = candidate.pattern.exec(normalized);
      if (!m) continue;
      const op = candidate.byMethod.get(method) ?? (method === 'HEAD' ? candidate.byMethod.get('GET') : undefined);
      if (!op) {
        allowed ??= new Set();
        for (const known of candidate.byMethod.keys()) allowed.add(known);
        continue;
      }
      return { kind: 'matched', op, params: extractParams(candidate.paramNames, m) };
    }
    return allowed ? { kind: 'method-not-allowed', allowed: [...allowed] } : { kind: 'not-found' };
  }
}

function compileTemplate(template: string): { pattern: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const source = stripTrailingSlash(template)
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      paramNames.push(name);
      return '([^/]+?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), paramNames };
}

function extractParams(names: string[], m: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    params[name] = safeDecode(m[i + 1]);
  });
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function stripTrailingSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}
