import type { OpenAPIV3_1 } from 'openapi-types';
import type { ApiModule, Authenticate, Handler, RejectInvalid } from './api-module.js';
import { listOperations, OperationIndex, type SpecOperation } from './spec/operation-index.js';
import { RequestValidator } from './spec/request-validator.js';
import { loadDereferencedSpec } from './spec/spec-loader.js';

/**
 * One operation as a request runs it, resolved once at start-up (like Fastify's per-route context): the API's
 * defaults already applied where the operation declares no `authenticate` or `rejectInvalid` of its own.
 */
export interface CompiledOperation {
  operationId: string;
  /** The operation as the spec declares it (path, parameters, documented responses). */
  spec: SpecOperation;
  handler: Handler<unknown>;
  authenticate: Authenticate<unknown> | undefined;
  rejectInvalid: RejectInvalid<unknown>;
  validator: RequestValidator;
}

/** One API ready to serve: its spec, routes, validators (compiled once; see `compileValidators`) and operations. */
export interface ApiRuntime {
  module: ApiModule;
  spec: OpenAPIV3_1.Document;
  operations: SpecOperation[];
  index: OperationIndex;
  validators: Map<string, RequestValidator>;
  /** By operationId: all a request needs once routed. */
  compiled: Map<string, CompiledOperation>;
}

export async function buildApiRuntime(module: ApiModule): Promise<ApiRuntime> {
  const spec = await loadDereferencedSpec(module.specFile);
  const operations = listOperations(spec);
  assertHandlersMatchOperations(module, operations);
  const validators = new Map(operations.map((op) => [op.operationId, new RequestValidator(op)]));
  return {
    module,
    spec,
    operations,
    index: new OperationIndex(operations),
    validators,
    compiled: compileOperations(module, operations, validators),
  };
}

function compileOperations(module: ApiModule, operations: SpecOperation[], validators: Map<string, RequestValidator>): Map<string, CompiledOperation> {
  const authenticate = module.authenticate?.bind(module);
  const rejectInvalid = module.rejectInvalid.bind(module);
  return new Map(
    operations.map((spec) => {
      const { operationId } = spec;
      const declared = module.operations[operationId];
      const compiled: CompiledOperation = {
        operationId,
        spec,
        handler: declared.handler,
        authenticate: declared.authenticate ?? authenticate,
        rejectInvalid: declared.rejectInvalid ?? rejectInvalid,
        validator: validators.get(operationId)!,
      };
      return [operationId, compiled];
    }),
  );
}

/**
 * Compiles every validator, one operation per turn of the event loop, so requests that arrive meanwhile are
 * not held behind the whole batch (~160 ms for the four APIs). Resolves when all are compiled.
 */
export async function compileValidators(runtimes: ApiRuntime[]): Promise<void> {
  for (const runtime of runtimes) {
    for (const validator of runtime.validators.values()) {
      await new Promise((resolve) => setImmediate(resolve));
      validator.compile();
    }
  }
}

/**
 * Every operationId has exactly one handler and every handler an operationId; anything else is a bug.
 * `defineApi` has the compiler check the same against the generated types; this checks the spec itself.
 */
export function assertHandlersMatchOperations(module: ApiModule, operations: SpecOperation[]): void {
  const specIds = new Set(operations.map((op) => op.operationId));
  const handlerIds = new Set(Object.keys(module.operations));
  const unhandled = [...specIds].filter((id) => !handlerIds.has(id));
  const orphaned = [...handlerIds].filter((id) => !specIds.has(id));
  if (unhandled.length || orphaned.length) {
    throw new Error(
      `${module.name}: ${module.specFile} and its handlers disagree` +
        (unhandled.length ? `; operations without a handler: ${unhandled.join(', ')}` : '') +
        (orphaned.length ? `; handlers without an operation: ${orphaned.join(', ')}` : ''),
    );
  }
}
