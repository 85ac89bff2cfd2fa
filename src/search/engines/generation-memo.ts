/**
 * Values read from the database, remembered under the generation number they were read at
 * (search_generation, migration SearchGenerations): a value is good while the generation is. The
 * reader learns the current generation in the same statement that reads what is not remembered, so
 * a newer one forgets everything, and values read at an older one than remembered are not kept (a
 * slower concurrent read must not put outdated values beside newer ones). Bounded: when full it
 * starts over rather than tracking use.
 */
export class GenerationMemo<V> {
  private at: number | null = null;
  private readonly values = new Map<string, V>();

  constructor(private readonly maxEntries = 20_000) {}

  /** The generation the remembered values were read at (null: none read yet). */
  get generation(): number | null {
    return this.at;
  }

  /**
   * The remembered values of these keys (copied: a concurrent read at a newer generation may forget
   * them before the caller is done) and the generation they belong to.
   */
  lookUp(keys: readonly string[]): { generation: number | null; found: Map<string, V>; missing: string[] } {
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const k of keys) {
      const v = this.values.get(k);
      if (v === undefined) missing.push(k);
      else found.set(k, v);
    }
    return { generation: this.at, found, missing };
  }

  /** Values read at `generation`. */
  remember(generation: number, entries: Iterable<[string, V]>): void {
    if (this.at === null || generation > this.at) {
      this.values.clear();
      this.at = generation;
    }
    if (generation < this.at) return;
    for (const [k, v] of entries) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      this.values.set(k, v);
    }
  }
}
