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
}

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
  private readonly paths: CompiledPath[];

  constructor(operations: SpecOperation[]) {
    const byTemplate = new Map<string, CompiledPath>();
    for (const op of operations) {
      let compiled = byTemplate.get(op.pathTemplate);
      if (!compiled) {
        compiled = { template: op.pathTemplate, byMethod: new Map(), ...compileTemplate(op.pathTemplate) };
        byTemplate.set(op.pathTemplate, compiled);
      }
      compiled.byMethod.set(op.method.toUpperCase(), op);
    }
    // Literal paths win over templated ones (`/integration/list` before `/integration/{id}`).
    this.paths = [...byTemplate.values()].sort((a, b) => a.paramNames.length - b.paramNames.length);
  }

  match(method: string, requestPath: string): OperationMatch {
    const normalized = stripTrailingSlash(requestPath);
    // Every template the path fits counts for `Allow` (`/integration/list` is POST there and PATCH as `{id}`).
    let allowed: Set<string> | undefined;
    for (const candidate of this.paths) {
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
