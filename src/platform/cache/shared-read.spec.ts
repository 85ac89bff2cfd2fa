import { LruCache } from './lru-cache';
import { awaitShared } from './shared-read';

describe('awaitShared', () => {
  /** A read kept under its key while it runs, as a caller's `reread` does; counts the reads. */
  const reader = (cache: LruCache<Promise<string>>, key: string, outcomes: Array<() => Promise<string>>) => {
    let reads = 0;
    const read = () => {
      const p = outcomes[Math.min(reads++, outcomes.length - 1)]();
      cache.set(key, p);
      return p;
    };
    return { read, reads: () => reads };
  };

  it('answers every waiter from one read when it succeeds', async () => {
    const cache = new LruCache<Promise<string>>(4);
    const r = reader(cache, 'k', [() => Promise.resolve('counts')]);
    const shared = r.read();
    const answers = await Promise.all([1, 2, 3].map(() => awaitShared(cache, 'k', shared, r.read)));
    expect(answers).toEqual(['counts', 'counts', 'counts']);
    expect(r.reads()).toBe(1);
  });

  it('lets the waiters of a failed read share one more read, and forgets the failure', async () => {
    const cache = new LruCache<Promise<string>>(4);
    const r = reader(cache, 'k', [() => Promise.reject(new Error('connection reset')), () => Promise.resolve('counts')]);
    const shared = r.read();
    const answers = await Promise.all([1, 2, 3].map(() => awaitShared(cache, 'k', shared, r.read)));
    expect(answers).toEqual(['counts', 'counts', 'counts']);
    expect(r.reads()).toBe(2);
    // What is kept now is the read that succeeded, not the failure.
    await expect(cache.get('k')).resolves.toBe('counts');
  });

  it('gives a second failure to the caller, and keeps neither failed read', async () => {
    const cache = new LruCache<Promise<string>>(4);
    const r = reader(cache, 'k', [() => Promise.reject(new Error('down'))]);
    const shared = r.read();
    // The caller's reread forgets its own failure, as the engine's does.
    const reread = () => {
      const p = r.read();
      p.catch(() => cache.delete('k', p));
      return p;
    };
    await expect(awaitShared(cache, 'k', shared, reread)).rejects.toThrow('down');
    expect(r.reads()).toBe(2);
    await Promise.resolve();
    expect(cache.get('k')).toBeUndefined();
  });
});
