import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('returns a value until it expires', () => {
    let now = 1000;
    const cache = new TtlCache<string>(50, 10, () => now);
    cache.set('a', 'A');
    expect(cache.get('a')).toBe('A');
    now = 1049;
    expect(cache.get('a')).toBe('A');
    now = 1050;
    expect(cache.get('a')).toBeUndefined();
  });
  it('forgets everything when cleared', () => {
    const cache = new TtlCache<number>(1000);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.clear();
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
  });
  it('starts over when full instead of growing', () => {
    const cache = new TtlCache<number>(1000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 3]);
  });
  it('keeps an entry for a shorter time when asked, never a longer one, and not at all for none', () => {
    let now = 0;
    const cache = new TtlCache<string>(100, 10, () => now);
    cache.set('short', 's', 10);
    cache.set('long', 'l', 1000);
    cache.set('none', 'n', 0);
    now = 9;
    expect([cache.get('short'), cache.get('long'), cache.get('none')]).toEqual(['s', 'l', undefined]);
    now = 10;
    expect(cache.get('short')).toBeUndefined();
    now = 100;
    expect(cache.get('long')).toBeUndefined();
  });
});
