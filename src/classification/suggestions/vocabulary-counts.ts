import type { FeatureCount } from './unspsc-feature.repository';
import { itemFeatures, ItemText } from './suggestion-text';

/**
 * Counts documents per (feature, code) as a vocabulary source is built, a batch at a time. Pure.
 * A document may be counted with `by` −1 (an item of a superseded catalogue version leaving the
 * item vocabulary), so the counts of a round of publishes are one signed difference; a count that
 * nets to zero is left out. Iterable again and again (a transaction retried writes the same rows
 * twice; a generator would hand the second attempt nothing, and the vocabulary would be written
 * empty).
 */
export class VocabularyCounts implements Iterable<FeatureCount> {
  private readonly counts = new Map<string, number>();
  /** Documents counted (signed: removed ones subtract). */
  documents = 0;

  /** `english`: translate Norwegian words through the glossary (items); titles are English already. */
  constructor(private readonly english = true) {}

  add(document: ItemText, code: string, by: 1 | -1 = 1): void {
    this.documents += by;
    for (const feature of itemFeatures(document, this.english).keys()) {
      const key = `${code}\t${feature}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + by);
    }
  }

  /** The counts one at a time (a million and more for the full code set: never all as objects at once). */
  *entries(): Generator<FeatureCount> {
    for (const [key, n] of this.counts) {
      if (n === 0) continue;
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

/**
 * The title vocabulary's rows, made one title at a time as they are sent (iterable again, as
 * VocabularyCounts). Each code has one title, the code set's codes are unique and a title's
 * features are distinct, so every (feature, code) occurs once with n = 1: nothing needs counting,
 * and the 2.8M rows of the full code set are never held in the service's memory at once (a Map of
 * them was most of the service's heap, which V8 kept afterwards).
 */
export function titleFeatureRows(titles: readonly { code: string; title: string }[]): Iterable<FeatureCount> {
  return {
    *[Symbol.iterator]() {
      for (const node of titles) for (const feature of itemFeatures({ name: node.title }, false).keys()) yield { code: node.code, feature, n: 1 };
    },
  };
}
