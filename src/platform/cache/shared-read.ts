import type { LruCache } from './lru-cache';

/**
 * Waits for a read shared through `cache` under `key` (concurrent callers hold one promise). If
 * it fails, it is forgotten, so no later caller is handed the failure, and this caller tries once
 * more: through the read another waiter started meanwhile, if there is one, else through its own
 * (`reread`, which should keep its promise under `key` for the others). So one failed read costs
 * its waiters one more read between them, not every search of the key. A second failure is the
 * caller's.
 */
export async function awaitShared<V>(cache: LruCache<Promise<V>>, key: string, shared: Promise<V>, reread: () => Promise<V>): Promise<V> {
  try {
    return await shared;
  } catch {
    cache.delete(key, shared);
    return cache.get(key) ?? reread();
  }
}
