import type { OpenAPIV3_1 } from 'openapi-types';
import type { ApiModule } from './api-module.js';
import { listOperations, OperationIndex, type SpecOperation } from './operation-index.js';
import { RequestValidator } from './request-validator.js';
import { loadDereferencedSpec } from './spec-loader.js';

/** One API ready to serve: its spec, routes and validators, compiled once at start-up. */
export interface ApiRuntime {
  module: ApiModule;
  spec: OpenAPIV3_1.Document;
  operations: SpecOperation[];
  index: OperationIndex;
  validators: Map<string, RequestValidator>;
}

export async function buildApiRuntime(module: ApiModule): Promise<ApiRuntime> {
  const spec = await loadDereferencedSpec(module.specFile);
  const operations = listOperations(spec);
  assertHandlersMatchOperations(module, operations);
  return {
    module,
    spec,
    operations,
    index: new OperationIndex(operations),
    validators: new Map(operations.map((op) => [op.operationId, new RequestValidator(op)])),
  };
}

/** Every operationId has exactly one handler and every handler an operationId; anything else is a bug. */
export function assertHandlersMatchOperations(module: ApiModule, operations: SpecOperation[]): void {
  const specIds = new Set(operations.map((op) => op.operationId));
  const handlerIds = new Set(Object.keys(module.handlers));
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
