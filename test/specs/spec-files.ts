import { readdirSync } from 'node:fs';
import type { OpenAPIV3_1 } from 'openapi-types';
import { listOperations, type SpecOperation } from '../../src/engine/spec/operation-index.js';
import { fromRoot } from '../../src/engine/paths.js';
import { loadDereferencedSpec } from '../../src/engine/spec/spec-loader.js';

export const SPEC_FILES = readdirSync(fromRoot('specs'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `specs/${f}`);

export interface LoadedSpec {
  file: string;
  api: string;
  doc: OpenAPIV3_1.Document;
  operations: SpecOperation[];
}

const cache = new Map<string, Promise<LoadedSpec>>();

export function loadSpec(file: string): Promise<LoadedSpec> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = loadDereferencedSpec(file).then((doc) => ({
      file,
      api: file.replace(/^specs\/|\.yaml$/g, ''),
      doc,
      operations: listOperations(doc),
    }));
    cache.set(file, loaded);
  }
  return loaded;
}

export function responsesOf(op: SpecOperation): [string, OpenAPIV3_1.ResponseObject][] {
  return Object.entries(op.operation.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][];
}
