/**
 * A small in-process cache that keeps the most recently used entries: when full, the least
 * recently used one goes (unlike TtlCache, which starts over), so a burst of one-off keys does not
 * push out the few that are asked for all the time. For values that cannot go stale under their
 * key (the key names immutable data); nothing expires by time.
 */
export class LruCache<V> {
  // A Map iterates in insertion order: an entry used is moved to the end, the first is the oldest.
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  /** Forgets one key, but only while it still holds `value` when given (a newer value stays). */
  delete(key: string, value?: V): void {
    if (value === undefined || this.entries.get(key) === value) this.entries.delete(key);
  }
}
