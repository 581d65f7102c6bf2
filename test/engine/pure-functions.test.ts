import { describe, expect, it } from 'vitest';
import { ajvForBodies } from '../../src/engine/spec/ajv-instances.js';
import { overlayFixture } from '../../src/engine/sessions/fixture-overlay.js';
import { takePreference } from '../../src/engine/scenarios/prefer.js';
import { exceedsJsonDepth } from '../../src/engine/http/request-limits.js';
import { toValidationProblems } from '../../src/engine/spec/validation-problems.js';

const nested = (depth: number, open = '[', close = ']') => Buffer.from(open.repeat(depth) + close.repeat(depth));

describe('exceedsJsonDepth (counted on the raw bytes, before parsing)', () => {
  it('passes the limit and refuses one past it, for arrays and objects', () => {
    expect(exceedsJsonDepth(nested(64), 64)).toBe(false);
    expect(exceedsJsonDepth(nested(65), 64)).toBe(true);
    expect(exceedsJsonDepth(Buffer.from('{"a":'.repeat(65) + '1' + '}'.repeat(65)), 64)).toBe(true);
  });
  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(Buffer.from(JSON.stringify({ s: '['.repeat(500) })), 64)).toBe(false);
    expect(exceedsJsonDepth(Buffer.from(JSON.stringify({ s: '\\"' + '{'.repeat(500) })), 64)).toBe(false);
  });
  it('a wide but flat body is not deep', () => {
    expect(exceedsJsonDepth(Buffer.from(JSON.stringify(Array.from({ length: 1000 }, () => [1]))), 64)).toBe(false);
  });
});

describe('toValidationProblems (Ajv errors named by field)', () => {
  const validate = ajvForBodies().compile({
    type: 'object',
    required: ['name', 'data'],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 2 }, mode: { enum: ['a', 'b'] }, data: { type: 'object', required: ['vendorId'], properties: { vendorId: { type: 'integer' } } }, either: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
  });
  it('names missing, extra, nested, length and enum problems by dotted field', () => {
    validate({ name: 'x', mode: 'c', data: { vendorId: 'no' }, extra: 1 });
    const problems = toValidationProblems(validate.errors, 'body');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', kind: 'length' }),
        expect.objectContaining({ field: 'mode', kind: 'enum' }),
        expect.objectContaining({ field: 'data.vendorId', kind: 'type' }),
        expect.objectContaining({ field: 'extra', kind: 'additional', message: 'extra is not allowed' }),
      ]),
    );
    validate({ data: {} });
    expect(toValidationProblems(validate.errors, 'body')).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'name', kind: 'missing', message: 'name is required' }), expect.objectContaining({ field: 'data.vendorId', kind: 'missing' })]),
    );
  });
  it('drops the oneOf summary, keeping the branch errors, each field and kind once', () => {
    validate({ name: 'ok', data: { vendorId: 1 }, either: true });
    const problems = toValidationProblems(validate.errors, 'body');
    expect(problems.every((p) => p.field === 'either')).toBe(true);
    expect(problems.map((p) => p.kind)).toEqual(['type']);
  });
  it('says the whole body when the body itself is wrong, and takes no errors as none', () => {
    validate('AAA');
    expect(toValidationProblems(validate.errors, 'body')).toEqual([expect.objectContaining({ field: '', kind: 'type', message: 'body must be object' })]);
    expect(toValidationProblems(null, 'query')).toEqual([]);
  });
});

describe('overlayFixture (a scenario setup over the default fixture)', () => {
  it('merges objects key by key, appends lists, replaces the rest', () => {
    const base = { partners: { acme: { name: 'ACME', users: ['jon'] } }, links: [{ uid: 'a' }], mode: 'accumulate' };
    const overlay = { partners: { acme: { users: ['viewer'] }, globex: { name: 'Globex' } }, links: [{ uid: 'b' }], mode: 'replace' };
    expect(overlayFixture(base, overlay)).toEqual({
      partners: { acme: { name: 'ACME', users: ['jon', 'viewer'] }, globex: { name: 'Globex' } },
      links: [{ uid: 'a' }, { uid: 'b' }],
      mode: 'replace',
    });
    expect(base.links).toHaveLength(1);
  });
  it('keeps the base where the overlay says nothing', () => {
    expect(overlayFixture({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});

describe('takePreference (Prism-compatible Prefer)', () => {
  it('reads code, example and dynamic from the header, quoted or not, any key case', () => {
    expect(takePreference('Code=404, example="not-found"', {})).toEqual({ ok: true, preference: { code: 404, example: 'not-found' } });
    expect(takePreference('dynamic=true', {})).toEqual({ ok: true, preference: { dynamic: true } });
  });
  it('takes the __ query keys and removes them from the query', () => {
    const query: Record<string, unknown> = { __code: '500', __example: 'boom', skip: '1' };
    expect(takePreference(undefined, query)).toEqual({ ok: true, preference: { code: 500, example: 'boom' } });
    expect(query).toEqual({ skip: '1' });
  });
  it('refuses a code that is not three digits, and ignores what says nothing', () => {
    expect(takePreference('code=4044', {})).toEqual({ ok: false, reason: expect.stringContaining('three-digit') });
    expect(takePreference('respond-async, wait=5', {})).toEqual({ ok: true, preference: undefined });
    expect(takePreference('dynamic=false', {})).toEqual({ ok: true, preference: undefined });
  });
});
