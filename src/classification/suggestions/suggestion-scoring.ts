/**
 * Scores UNSPSC codes for one item from what its features say in two vocabularies, and turns the
 * scores into a confidence in 0..1. Pure: the repository gathers the counts.
 *
 * Each vocabulary ("source") is a set of documents with a code: the titles of the code set
 * (English) and the names of items in published catalogues (the words suppliers really use). A
 * feature f of the item votes for code c with its weight × idf(f) × the share of f's documents
 * that have code c (a nearest-neighbour vote over documents, weighted as TF-IDF). The votes of a
 * source, divided by the most the item's features could give (every feature pointing at one code),
 * say how much of the item's evidence points at c. The two sources are mixed, published items
 * first: they speak the supplier's language, titles fill in when no item is alike.
 */

export type SuggestionSource = 'item' | 'title';

/** How often a feature occurs with a code in a source. */
export interface FeatureHit {
  feature: string;
  source: SuggestionSource;
  code: string;
  /** Documents with this feature and this code. */
  n: number;
}

/** Documents with a feature in a source (any code). */
export interface FeatureFrequency {
  feature: string;
  source: SuggestionSource;
  df: number;
}

/** Documents per source (for idf). */
export type SourceSizes = Record<SuggestionSource, number>;

/** The counts of many items' features, looked up once and indexed for scoring each item. */
export class FeatureStats {
  private readonly hitsOf = new Map<string, FeatureHit[]>();
  private readonly dfOf = new Map<string, number>();

  constructor(
    readonly sizes: SourceSizes,
    hits: readonly FeatureHit[],
    frequencies: readonly FeatureFrequency[],
  ) {
    for (const h of hits) {
      const list = this.hitsOf.get(h.feature);
      if (list) list.push(h);
      else this.hitsOf.set(h.feature, [h]);
    }
    for (const f of frequencies) this.dfOf.set(`${f.source}|${f.feature}`, f.df);
  }

  hits(feature: string): readonly FeatureHit[] {
    return this.hitsOf.get(feature) ?? [];
  }

  df(source: SuggestionSource, feature: string): number {
    return this.dfOf.get(`${source}|${feature}`) ?? 0;
  }
}

export interface ScoredCode {
  code: string;
  /** 0..1: the share of the item's weighted evidence that points at this code. */
  confidence: number;
}

/**
 * How much the published items' vote counts against the titles' when both have documents. Half
 * and half measured best on the held-out demo items (0.75 let a weak item match bury the right
 * title: commodity top-3 42 % against 46 %; test/bench/README.md).
 */
export const ITEM_SHARE = 0.5;

const idf = (documents: number, df: number) => Math.log(1 + documents / Math.max(df, 1));

/**
 * The best codes for an item with features `query` (feature → weight), best first, among the
 * codes `allowed` accepts (inside the agreement's scope), at most `limit`. A feature no document
 * has still counts in the evidence (at the highest idf): words Torg cannot place lower the
 * confidence.
 */
export function scoreCodes(query: ReadonlyMap<string, number>, stats: FeatureStats, allowed: (code: string) => boolean, limit = 3): ScoredCode[] {
  if (!query.size) return [];
  const { sizes } = stats;
  const share: Record<SuggestionSource, number> = sizes.item > 0 ? { item: ITEM_SHARE, title: 1 - ITEM_SHARE } : { item: 0, title: 1 };
  const evidence: Record<SuggestionSource, number> = { item: 0, title: 0 };
  for (const source of ['item', 'title'] as const) {
    for (const [f, w] of query) evidence[source] += w * idf(sizes[source], stats.df(source, f));
  }

  const scores = new Map<string, number>();
  for (const [f, w] of query) {
    for (const h of stats.hits(f)) {
      const df = stats.df(h.source, f);
      if (!share[h.source] || !evidence[h.source] || !df || !allowed(h.code)) continue;
      const vote = (w * idf(sizes[h.source], df) * h.n) / df;
      scores.set(h.code, (scores.get(h.code) ?? 0) + (share[h.source] * vote) / evidence[h.source]);
    }
  }
  return [...scores]
    .map(([code, score]) => ({ code, confidence: Math.min(1, Math.round(score * 1000) / 1000) }))
    .filter((s) => s.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence || a.code.localeCompare(b.code))
    .slice(0, limit);
}
