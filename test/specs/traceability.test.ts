import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { loadSpec } from './spec-files.js';
import { TRACEABILITY } from './traceability.js';

describe('traceability from the seeds to the specs', () => {
  it.each(TRACEABILITY.map((row) => [`${row.api} ${row.condition}`, row] as const))('%s', async (_name, row) => {
    const { operations } = await loadSpec(`specs/${row.api}.yaml`);
    const op = operations.find((o) => o.operationId === row.operationId);
    expect(op, `operation ${row.operationId}`).toBeDefined();
    const response = op!.operation.responses?.[String(row.status)] as OpenAPIV3_1.ResponseObject | undefined;
    expect(response, `${row.operationId} documents ${row.status}`).toBeDefined();
    if (row.example) {
      const names = Object.values(response!.content ?? {}).flatMap((m) => Object.keys(m.examples ?? {}));
      expect(names, `${row.operationId} ${row.status} has example ${row.example}`).toContain(row.example);
    }
  });
});
