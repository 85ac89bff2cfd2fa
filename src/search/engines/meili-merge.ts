/**
 * Merges the hits of the typed text and its rewrites with an organisation's synonyms (one
 * Meilisearch query each) into one list ordered as the PostgreSQL engine orders: the tier first
 * (the text-match rules, in the index's order), then the agreement signal (mandatory first), then
 * the requested sort (eco-labelled first, or price), then the ranking score. Meilisearch's own
 * federated merge orders by ranking score alone, and a ranking score leaves out custom rules
 * such as `mandatory:desc` and `sort` (their documentation says so), so it put a voluntary
 * agreement's item found by the typed word above a mandatory agreement's equally good item
 * found by a synonym. Pure.
 *
 * Each query's hits come in its own order, which agrees with this one, so the first `n` of the
 * merge lie within the first `n` of every query: each query is asked for offset + limit hits.
 */

/** One rule's part of a hit's `_rankingScoreDetails`: built-in rules carry a score, sort and custom rules a value. */
export interface MeiliRuleDetail {
  order: number;
  score?: number;
  value?: unknown;
}

export interface MergeableHit {
  id: string | number;
  agreementId: number;
  _rankingScore?: number;
  _rankingScoreDetails?: Record<string, MeiliRuleDetail | undefined>;
  [field: string]: unknown;
}

export interface MergeOrder {
  /** The agreements mandatory for the searcher (the same signal the PostgreSQL engine uses). */
  mandatoryIds: readonly number[];
  /** The search's sort, as given to Meilisearch (`price:asc`, `ecoLabelled:desc`), if any. */
  sort?: readonly string[];
}

/** The text-match scores of a hit, in rule order: the rules that score (words, typo, proximity, attribute, exactness). */
export function tierOf(hit: MergeableHit): number[] {
  return Object.values(hit._rankingScoreDetails ?? {})
    .filter((d): d is MeiliRuleDetail & { score: number } => typeof d?.score === 'number')
    .sort((a, b) => a.order - b.order)
    .map((d) => d.score);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1; // missing last, as Meilisearch sorts them
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return (typeof a === 'string' ? a : JSON.stringify(a)).localeCompare(typeof b === 'string' ? b : JSON.stringify(b));
}

/** Orders `results` (one hit list per query, the typed text first) into one list without repeats. */
export function mergeSynonymResults<H extends MergeableHit>(results: readonly (readonly H[])[], order: MergeOrder): H[] {
  const mandatory = new Set(order.mandatoryIds);
  const sorts = (order.sort ?? []).map((s) => {
    const [field, direction] = s.split(':');
    return { field, sign: direction === 'desc' ? -1 : 1 };
  });
  const entries = results.flatMap((hits, query) => hits.map((hit, position) => ({ hit, query, position, tier: tierOf(hit) })));
  entries.sort((a, b) => {
    for (let i = 0; i < Math.max(a.tier.length, b.tier.length); i++) {
      const d = (b.tier[i] ?? 0) - (a.tier[i] ?? 0);
      if (d) return d;
    }
    const m = Number(mandatory.has(b.hit.agreementId)) - Number(mandatory.has(a.hit.agreementId));
    if (m) return m;
    for (const { field, sign } of sorts) {
      const a1 = a.hit[field];
      const b1 = b.hit[field];
      if (a1 == null || b1 == null) {
        const missing = compareValues(a1, b1);
        if (missing) return missing;
        continue;
      }
      const d = compareValues(a1, b1) * sign;
      if (d) return d;
    }
    return (b.hit._rankingScore ?? 0) - (a.hit._rankingScore ?? 0) || a.query - b.query || a.position - b.position;
  });
  const seen = new Set<string>();
  const merged: H[] = [];
  for (const { hit } of entries) {
    const id = String(hit.id);
    if (seen.has(id)) continue; // found by several queries: kept where it ranks best
    seen.add(id);
    merged.push(hit);
  }
  return merged;
}
