import { describe, expect, it } from 'vitest';
import { allApis } from '../../src/apis/index.js';
import { defineApi, type ApiModule } from '../../src/engine/api-module.js';
import { assertHandlersMatchOperations, buildApiRuntime, compileValidators } from '../../src/engine/api-runtime.js';
import { listOperations } from '../../src/engine/spec/operation-index.js';
import { loadDereferencedSpec } from '../../src/engine/spec/spec-loader.js';
import { notesApi, notesDefinition, type NotesOperations, type NotesState } from './fixtures/notes-module.js';

const operationsOf = async (module: ApiModule) => listOperations(await loadDereferencedSpec(module.specFile));

describe('every operationId has exactly one handler, and every handler an operationId', () => {
  it.each(allApis.map((m) => [m.name, m] as const))('holds for %s', async (_name, module) => {
    expect(() => assertHandlersMatchOperations(module, [])).toThrow();
    const operations = await operationsOf(module);
    expect(() => assertHandlersMatchOperations(module, operations)).not.toThrow();
  });

  it('names an operation without a handler, and a handler without an operation', async () => {
    const { countNotes: _dropped, ...kept } = notesApi.operations;
    const broken = { ...notesApi, operations: { ...kept, archiveNote: notesApi.operations.getNote } };
    expect(() => assertHandlersMatchOperations(broken, [])).toThrow(/handlers without an operation: .*archiveNote/);
    const operations = await operationsOf(notesApi);
    expect(() => assertHandlersMatchOperations(broken, operations)).toThrow(
      /operations without a handler: countNotes; handlers without an operation: archiveNote/,
    );
  });

  it('is checked by the compiler too, against the generated operations type', () => {
    const { countNotes, ...operations } = notesDefinition.operations;
    // @ts-expect-error countNotes is missing
    expect(() => defineApi<NotesState, NotesOperations>({ ...notesDefinition, operations })).not.toThrow();
    // @ts-expect-error archiveNote is not an operation of the spec
    expect(() => defineApi<NotesState, NotesOperations>({ ...notesDefinition, operations: { ...operations, countNotes, archiveNote: countNotes } })).not.toThrow();
  });
});

describe('validators', () => {
  it('are compiled by the warm-up, each once, or by the first request that needs one', async () => {
    const runtime = await buildApiRuntime(notesApi);
    const validators = [...runtime.validators.values()];
    expect(validators.some((v) => v.isCompiled)).toBe(false);
    const create = runtime.validators.get('createNote')!;
    expect(create.checkBody({ params: {}, query: {}, mediaType: 'application/json', body: {} }).ok).toBe(false);
    const compiledFirst = create.compile();
    await compileValidators([runtime]);
    expect(validators.every((v) => v.isCompiled)).toBe(true);
    expect(create.compile()).toBe(compiledFirst);
  });
});
