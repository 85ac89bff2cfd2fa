import { facetScopeKey, withoutWeights } from './postgres-search.engine';

describe('facetScopeKey (the key of a scope’s kept facet counts)', () => {
  it('is the same for the same versions in any order, the same day and price range', () => {
    expect(facetScopeKey([7, 3, 12], '2026-12-02', '10', '100')).toBe(facetScopeKey([12, 7, 3], '2026-12-02', '10', '100'));
    // No price bound, however absent (the search reads an empty bound as none).
    expect(facetScopeKey([3], '2026-12-02')).toBe(facetScopeKey([3], '2026-12-02', '', null));
  });
  it('differs when the versions, the day or either price bound differ', () => {
    const key = facetScopeKey([3, 7], '2026-12-02', '10', '100');
    expect(facetScopeKey([3, 8], '2026-12-02', '10', '100')).not.toBe(key);
    expect(facetScopeKey([3], '2026-12-02', '10', '100')).not.toBe(key);
    expect(facetScopeKey([37], '2026-12-02', '10', '100')).not.toBe(facetScopeKey([3, 7], '2026-12-02', '10', '100'));
    expect(facetScopeKey([3, 7], '2026-12-03', '10', '100')).not.toBe(key);
    expect(facetScopeKey([3, 7], '2026-12-02', null, '100')).not.toBe(key);
    expect(facetScopeKey([3, 7], '2026-12-02', '10', null)).not.toBe(key);
    // A lower bound is not an upper one.
    expect(facetScopeKey([3, 7], '2026-12-02', '10', null)).not.toBe(facetScopeKey([3, 7], '2026-12-02', null, '10'));
  });
});

describe('withoutWeights (the first word as the text index tells it alone)', () => {
  it('drops weight restrictions and keeps prefixes, operators and quoted lexemes', () => {
    expect(withoutWeights("(standard:ABC | standard:D | standards:AB | kopi:*AB | 80 | '-80')")).toBe("(standard | standard | standards | kopi:* | 80 | '-80')");
    expect(withoutWeights('(wall:AB <-> paper:AB) | wallpaper:*')).toBe('(wall <-> paper) | wallpaper:*');
  });
  it('leaves a query without weights as it is', () => {
    expect(withoutWeights('(stol | kontorstol)')).toBe('(stol | kontorstol)');
  });
});
