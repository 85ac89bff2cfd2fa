import { MergeableHit, mergeSynonymResults, tierOf } from './meili-merge';

/** A hit as Meilisearch returns it with showRankingScoreDetails: the text rules' scores, then the custom rule. */
function hit(id: number, agreementId: number, scores: { words?: number; typo?: number; exactness?: number }, extra: Record<string, unknown> = {}): MergeableHit {
  const words = scores.words ?? 1;
  const typo = scores.typo ?? 1;
  const exactness = scores.exactness ?? 1;
  return {
    id: String(id),
    agreementId,
    // A ranking score leaves out custom rules: the same for a mandatory and a voluntary item.
    _rankingScore: words * 0.5 + typo * 0.3 + exactness * 0.2,
    _rankingScoreDetails: {
      words: { order: 0, score: words },
      typo: { order: 1, score: typo },
      proximity: { order: 2, score: 1 },
      attribute: { order: 3, score: 1 },
      exactness: { order: 4, score: exactness },
      'mandatory:desc': { order: 5, value: agreementId === MANDATORY ? 1 : 0 },
    },
    ...extra,
  };
}
const MANDATORY = 1;
const VOLUNTARY = 2;
const ids = (hits: MergeableHit[]) => hits.map((h) => Number(h.id));

describe('mergeSynonymResults (Meilisearch hits of the typed text and its synonym rewrites)', () => {
  it('reads the tier from the rules that score, in rule order, and leaves out custom and sort rules', () => {
    const h = hit(1, MANDATORY, { words: 0.5, typo: 0.75, exactness: 0.25 });
    h._rankingScoreDetails = { ...h._rankingScoreDetails, 'price:asc': { order: 6, value: 10 } };
    expect(tierOf(h)).toEqual([0.5, 0.75, 1, 1, 0.25]);
  });

  it('puts a mandatory agreement’s item found by a synonym above an equally good voluntary one found by the typed word', () => {
    // Typed "pultutstyr" → the voluntary agreement's "Musematte" items; its rewrite finds the mandatory "Brevkurv".
    const typed = [hit(10, VOLUNTARY, {}), hit(11, VOLUNTARY, {})];
    const rewrite = [hit(20, MANDATORY, {})];
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [MANDATORY] }))).toEqual([20, 10, 11]);
    // The agreement signal is the searcher's: with nothing mandatory for them, the typed text's hits keep their place.
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [] }))).toEqual([10, 11, 20]);
  });

  it('never lifts a mandatory item above a better tier: all words, then fewer typos, then exactness', () => {
    const typed = [hit(10, VOLUNTARY, {}), hit(11, VOLUNTARY, { typo: 0.5 })];
    const rewrite = [hit(20, MANDATORY, { words: 0.5 }), hit(21, MANDATORY, { typo: 0.5 }), hit(22, MANDATORY, { exactness: 0.5 })];
    // 10: best tier. 22: only exactness lower, still above the typo tier. 21 and 11 share the typo tier: mandatory first. 20: fewer words, last.
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [MANDATORY] }))).toEqual([10, 22, 21, 11, 20]);
  });

  it('orders within a tier by the agreement signal before the requested sort, as the PostgreSQL engine does', () => {
    const typed = [hit(10, VOLUNTARY, {}, { ecoLabelled: 1, price: 5 }), hit(11, VOLUNTARY, {}, { ecoLabelled: 0, price: 1 })];
    const rewrite = [hit(20, MANDATORY, {}, { ecoLabelled: 0, price: 9 }), hit(21, MANDATORY, {}, { ecoLabelled: 1, price: 7 })];
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [MANDATORY], sort: ['ecoLabelled:desc'] }))).toEqual([21, 20, 10, 11]);
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [MANDATORY], sort: ['price:asc'] }))).toEqual([21, 20, 11, 10]);
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [MANDATORY], sort: ['price:desc'] }))).toEqual([20, 21, 10, 11]);
  });

  it('lists an item found by several queries once, where it ranks best', () => {
    const typed = [hit(10, VOLUNTARY, { words: 0.5 }), hit(11, VOLUNTARY, { words: 0.5 })];
    const rewrite = [hit(11, VOLUNTARY, {}), hit(12, VOLUNTARY, {})];
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [] }))).toEqual([11, 12, 10]);
  });

  it('keeps each query’s own order among otherwise equal hits, the typed text first', () => {
    const typed = [hit(10, VOLUNTARY, {}), hit(11, VOLUNTARY, {})];
    const rewrite = [hit(20, VOLUNTARY, {}), hit(21, VOLUNTARY, {})];
    expect(ids(mergeSynonymResults([typed, rewrite], { mandatoryIds: [] }))).toEqual([10, 11, 20, 21]);
  });
});
