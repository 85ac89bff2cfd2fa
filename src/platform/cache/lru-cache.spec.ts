import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('returns what was set and nothing for an unknown key', () => {
    const cache = new LruCache<number>(3);
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
  });
  it('drops the least recently used entry when full, a read counting as a use', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now newer than b
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
  it('replaces a key’s value without dropping another entry', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect([cache.get('a'), cache.get('b')]).toEqual([10, 2]);
  });
  it('deletes a key only while it holds the value given', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', 'old');
    cache.set('a', 'new');
    cache.delete('a', 'old');
    expect(cache.get('a')).toBe('new');
    cache.delete('a', 'new');
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 'x');
    cache.delete('b');
    expect(cache.get('b')).toBeUndefined();
  });
});
