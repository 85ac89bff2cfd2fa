import type { FeatureCount } from './unspsc-feature.repository';
import { itemFeatures, ItemText } from './suggestion-text';

/**
 * Counts documents per (feature, code) as a vocabulary source is built, a batch at a time. Pure.
 * Iterable again and again (a transaction retried writes the same rows twice; a generator would
 * hand the second attempt nothing, and the vocabulary would be written empty).
 */
export class VocabularyCounts implements Iterable<FeatureCount> {
  private readonly counts = new Map<string, number>();
  documents = 0;

  /** `english`: translate Norwegian words through the glossary (items); titles are English already. */
  constructor(private readonly english = true) {}

  add(document: ItemText, code: string): void {
    this.documents++;
    for (const feature of itemFeatures(document, this.english).keys()) {
      const key = `${code}\t${feature}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /** The counts one at a time (a million and more for the full code set: never all as objects at once). */
  *entries(): Generator<FeatureCount> {
    for (const [key, n] of this.counts) {
      const tab = key.indexOf('\t');
      yield { code: key.slice(0, tab), feature: key.slice(tab + 1), n };
    }
  }

  [Symbol.iterator](): Iterator<FeatureCount> {
    return this.entries();
  }

  rows(): FeatureCount[] {
    return [...this.entries()];
  }
}
