import { isAnswerable, mean, scoreQuery } from './relevance-metrics';

// The figures below were worked out by hand (and with a calculator), not by running the code, so
// that bench:relevance's targets rest on metrics known to be computed as the set's README defines.
describe('relevance metrics', () => {
  const judgments = { a: 3, b: 2, c: 1, d: 0 };

  it('scores nDCG@10, P@5 and R@10 as defined, crediting an item returned twice once', () => {
    // grades by rank: b 2, x 0, a 3, a again 0, c 1
    // DCG = 2/1 + 3/log2(4) + 1/log2(6) = 3.88685; ideal 3, 2, 1 = 3 + 2/log2(3) + 1/2 = 4.76186
    const s = scoreQuery(judgments, ['b', 'x', 'a', 'a', 'c']);
    expect(s.grades).toEqual([2, 0, 3, 0, 1]);
    expect(s.ndcg10).toBeCloseTo(0.816247, 5);
    expect(s.p5).toBeCloseTo(0.4, 10); // b and a are of grade ≥ 2
    expect(s.r10).toBe(1); // both items of grade ≥ 2 are in the top 10
    expect(s.firstRelevant).toBe(1);
  });

  it('counts only the first 10 results', () => {
    const ranked = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10', 'a'];
    const s = scoreQuery(judgments, ranked);
    expect(s.ndcg10).toBe(0);
    expect(s.r10).toBe(0);
    expect(s.firstRelevant).toBeNull();
  });

  it('gives the ideal ranking 1 and an empty answer 0', () => {
    expect(scoreQuery(judgments, ['a', 'b', 'c']).ndcg10).toBeCloseTo(1, 10);
    const empty = scoreQuery(judgments, []);
    expect(empty.ndcg10).toBe(0);
    expect(empty.p5).toBe(0);
    expect(empty.r10).toBe(0);
  });

  it('has no nDCG or recall for a query with nothing relevant judged', () => {
    const s = scoreQuery({ a: 0 }, ['a']);
    expect(s.ndcg10).toBeNull();
    expect(s.r10).toBeNull();
    expect(s.p5).toBe(0);
  });

  it('takes a query as answerable when an item has grade ≥ 2, unless the set says otherwise', () => {
    const q = { id: 'q', query: 'q', user: 'u', category: 'c' };
    expect(isAnswerable({ ...q, judgments: { a: 2 } })).toBe(true);
    expect(isAnswerable({ ...q, judgments: { a: 1 } })).toBe(false);
    expect(isAnswerable({ ...q, answerable: false, judgments: { a: 3 } })).toBe(false);
  });

  it('averages only the queries that have a figure', () => {
    expect(mean([1, null, 0.5, undefined])).toBe(0.75);
    expect(mean([null])).toBeNull();
  });
});
