import { describe, expect, it } from 'vitest';
import { ResponseCoverage } from '../../src/engine/journal/response-coverage.js';

const answered = (coverage: ResponseCoverage, session: string, status = 200) => coverage.record('notes', 'getNote', { status }, undefined, session);

describe('ResponseCoverage per session', () => {
  it('keeps the most recently answered sessions, whichever was answered many times in a row', () => {
    const coverage = new ResponseCoverage(2);
    for (const id of ['a', 'b', 'b', 'b', 'a', 'a', 'c']) answered(coverage, id);
    expect(coverage.listFor('b')).toEqual([]);
    expect(coverage.listFor('a')).toEqual([expect.objectContaining({ operationId: 'getNote', status: 200, count: 3 })]);
    expect(coverage.listFor('c')).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('starts a forgotten session afresh, and keeps order after it', () => {
    const coverage = new ResponseCoverage(2);
    for (const id of ['a', 'a']) answered(coverage, id);
    coverage.forget('a');
    for (const id of ['a', 'b', 'b', 'c']) answered(coverage, id, 404);
    expect(coverage.listFor('a')).toEqual([]);
    expect(coverage.listFor('b')).toEqual([expect.objectContaining({ status: 404, count: 2 })]);
    expect(coverage.list()).toEqual([expect.objectContaining({ status: 200, count: 2 }), expect.objectContaining({ status: 404, count: 4 })]);
  });
});
