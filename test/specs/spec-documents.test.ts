import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { ajvForBodies } from '../../src/engine/spec/ajv-instances.js';
import { fromRoot } from '../../src/engine/paths.js';
import { loadSpec, responsesOf, SPEC_FILES } from './spec-files.js';

describe('the spec documents', () => {
  it('are the four APIs, one document each', () => {
    expect(SPEC_FILES).toEqual(['specs/centurylink.yaml', 'specs/cloud66.yaml', 'specs/integrator.yaml', 'specs/oem.yaml']);
  });

  it('use every operationId once across all four', async () => {
    const ids = (await Promise.all(SPEC_FILES.map(loadSpec))).flatMap((s) => s.operations.map((op) => op.operationId));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe.each(SPEC_FILES)('%s', (file) => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const api = (await SwaggerParser.validate(fromRoot(file))) as OpenAPIV3_1.Document;
    expect(api.openapi).toBe('3.1.0');
  });

  it('compiles every request and response schema with Ajv (2020-12)', async () => {
    const { operations } = await loadSpec(file);
    for (const op of operations) {
      const bodies = Object.values((op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content ?? {});
      const responses = responsesOf(op).flatMap(([, r]) => Object.values(r.content ?? {}));
      for (const media of [...bodies, ...responses]) expect(() => ajvForBodies().compile((media.schema ?? {}) as object)).not.toThrow();
    }
  });

  it('gives every response body named examples, each valid against its schema', async () => {
    const { operations } = await loadSpec(file);
    const failures: string[] = [];
    for (const op of operations) {
      for (const [status, response] of responsesOf(op)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          const where = `${op.operationId} ${status} ${mediaType}`;
          const examples = Object.entries(media.examples ?? {}) as [string, OpenAPIV3_1.ExampleObject][];
          if (examples.length === 0) failures.push(`${where}: no named examples`);
          const validate = ajvForBodies().compile((media.schema ?? {}) as object);
          for (const [name, example] of examples) {
            if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) failures.push(`${where}: example name "${name}" is not kebab-case`);
            if (!validate(example.value)) failures.push(`${where} example "${name}": ${JSON.stringify(validate.errors)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives request body examples that are valid against their schema', async () => {
    const { operations } = await loadSpec(file);
    const failures: string[] = [];
    for (const op of operations) {
      const content = (op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content ?? {};
      for (const [mediaType, media] of Object.entries(content)) {
        const validate = ajvForBodies().compile((media.schema ?? {}) as object);
        for (const [name, example] of Object.entries(media.examples ?? {}) as [string, OpenAPIV3_1.ExampleObject][]) {
          if (!validate(example.value)) failures.push(`${op.operationId} ${mediaType} example "${name}": ${JSON.stringify(validate.errors)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('marks what the seed leaves open and we decided as [INF]', async () => {
    const { doc } = await loadSpec(file);
    expect(JSON.stringify(doc)).toContain('[INF]');
  });
});

describe('id parameters say what an id looks like', () => {
  it('every path parameter described as an ObjectId has its pattern', async () => {
    const missing: string[] = [];
    for (const file of SPEC_FILES) {
      for (const op of (await loadSpec(file)).operations) {
        for (const p of op.parameters.filter((q) => q.in === 'path')) {
          const schema = p.schema as { pattern?: string; description?: string } | undefined;
          const text = `${p.description ?? ''} ${schema?.description ?? ''}`;
          if (/ObjectId/.test(text) && schema?.pattern !== '^[0-9a-f]{24}$') missing.push(`${file} ${op.operationId} ${p.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
