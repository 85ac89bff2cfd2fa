/**
 * A small in-process cache whose entries expire after a fixed time (or a shorter one given per
 * entry). For data that may lag for that long (facet labels: UNSPSC titles, supplier names; a
 * search's agreement scope for a few seconds, as the search index itself lags) or that cannot
 * change (a token's verified claims). Never for a decision that writes: ordering checks an
 * agreement in the database. Bounded: when full it starts over rather than tracking recency.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }

  /** Remembers a value for the cache's time, or for `ttlMs` when that is shorter. */
  set(key: string, value: V, ttlMs = this.ttlMs): void {
    if (ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expires: this.now() + Math.min(ttlMs, this.ttlMs) });
  }
}
