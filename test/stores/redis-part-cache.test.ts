import { describe, expect, it } from 'vitest';
import { RedisPartCache } from '../../src/engine/stores/redis-part-cache.js';

const part = (raw: string) => new Map([['notes', { raw, value: JSON.parse(raw) }]]);

describe('RedisPartCache', () => {
  it('answers only for a session whose every asked-for API it holds', () => {
    const cache = new RedisPartCache();
    cache.keep('s', 'r1', part('{"a":1}'));
    expect(cache.get('s', ['notes'])?.rev).toBe('r1');
    expect(cache.get('s', ['notes', 'memos'])).toBeUndefined();
    expect(cache.get('other', ['notes'])).toBeUndefined();
  });

  it('keeps within its budget by dropping the session written longest ago, and never holds one larger than it', () => {
    const cache = new RedisPartCache(25);
    cache.keep('a', 'r', part(`"${'a'.repeat(8)}"`));
    cache.keep('b', 'r', part(`"${'b'.repeat(8)}"`));
    cache.keep('a', 'r2', part(`"${'a'.repeat(8)}"`));
    cache.keep('c', 'r', part(`"${'c'.repeat(8)}"`));
    expect([cache.get('a', ['notes'])?.rev, cache.get('b', ['notes']), cache.get('c', ['notes'])?.rev]).toEqual(['r2', undefined, 'r']);
    cache.keep('huge', 'r', part(`"${'h'.repeat(40)}"`));
    expect(cache.get('huge', ['notes'])).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.forget('a');
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
