import { anyGroupQuery, buildGroupQueries, compoundCandidates, MatchClass, queryGroups, queryWords, termWords, withCompoundSpellings, withoutSubsumed, WordExpansions } from './search-text';

const expansions = (...list: WordExpansions[]) => new Map(list.map((e) => [e.word, e]));

describe('search text helpers', () => {
  it('folds Norwegian letters and accents like unaccent and splits words', () => {
    expect(queryWords('Blå Kontorstol, Ærlig  Café')).toEqual(['bla', 'kontorstol', 'aerlig', 'cafe']);
  });
  it('keeps no tsquery syntax from user input', () => {
    expect(queryWords("a & b | !c:* 'd'")).toEqual(['a', 'b', 'c', 'd']);
  });
  it('normalises units: 27" is 27 tommer, 80g is 80 g', () => {
    expect(queryWords('Skjerm 27"')).toEqual(['skjerm', '27', 'tommer']);
    expect(queryWords("skjerm 27''")).toEqual(['skjerm', '27', 'tommer']);
    expect(queryWords('kopipapir 80g')).toEqual(['kopipapir', '80', 'g']);
  });
  it('reads synonym phrases as one group with their synonyms as terms', () => {
    const groups = queryGroups('copy paper a4');
    expect(groups.map((g) => g.label)).toEqual(['copy paper', 'a4']);
    expect(groups[0].terms).toContainEqual(['kopipapir']);
    expect(groups[0].terms[0]).toEqual(['copy', 'paper']);
    expect(queryGroups('håndsprit')[0].terms).toContainEqual(['handdesinfeksjon']);
    expect(termWords(queryGroups('chair'))).toEqual(expect.arrayContaining(['chair', 'stol']));
  });
  it('gives each group a query per match class, cumulative, typos and parts only in name and description', () => {
    const [q] = buildGroupQueries(queryGroups('kontorstl'), expansions({ word: 'kontorstl', expansions: ['kontorstol', 'kontorland'], kinds: [2, 1] }));
    expect(q.byClass[MatchClass.Exact]).toBe('(kontorstl:ABC)');
    expect(q.byClass[MatchClass.Part]).toBe('((kontorstl | kontorstl:*AB))');
    expect(q.byClass[MatchClass.Typo]).toBe('((kontorstl | kontorstl:*AB | kontorstol:AB))');
    expect(q.byClass[MatchClass.Similar]).toBe('((kontorstl | kontorstl:*AB | kontorstol:AB | kontorland:AB))');
    // only name (A) and UNSPSC titles and attributes (C)
    expect(q.primaryByClass[MatchClass.Similar]).toBe('((kontorstl:AC | kontorstl:*A | kontorstol:A | kontorland:A))');
  });
  it('puts stems in their fields: Norwegian in name and description, English in the UNSPSC titles', () => {
    const [q] = buildGroupQueries(
      queryGroups('gloves'),
      expansions({ word: 'gloves', expansions: ['glove'], kinds: [4] }, { word: 'hansker', expansions: ['hansker', 'nitrilhansker'], kinds: [6, 3] }),
    );
    expect(q.byClass[MatchClass.Stem]).toContain('glove:C');
    expect(q.byClass[MatchClass.Part]).toContain('nitrilhansker:AB');
    expect(q.byClass[MatchClass.Exact]).toContain('hansker');
    expect(q.byClass[MatchClass.Exact]).not.toContain('nitrilhansker');
  });
  it('ANDs the words of a phrase and ORs the terms of a group', () => {
    const [q] = buildGroupQueries(queryGroups('copy paper'), expansions({ word: 'kopipapir', expansions: ['kopipapir'], kinds: [6] }));
    expect(q.byClass[MatchClass.Exact]).toMatch(/^\(\(copy:ABC & paper:ABC\) \| \(kopipapir:ABC\)/);
  });
  it('matches short numbers exactly (and their signed form) and longer ones as prefixes', () => {
    const qs = buildGroupQueries(queryGroups('2 propanone'), new Map());
    expect(qs[0].byClass[MatchClass.Exact]).toBe("((2 | '-2'))");
    expect(qs[1].byClass[MatchClass.Similar]).toBe('((propanone | propanone:*AB))');
    expect(buildGroupQueries(queryGroups('70900000'), new Map())[0].byClass[MatchClass.Exact]).toBe('(70900000:*)');
  });
  it('takes only the last word as a prefix, and only when the index does not know it', () => {
    const qs = buildGroupQueries(queryGroups('standard kopip'), expansions({ word: 'standard', expansions: ['standard', 'standards'], kinds: [6, 3] }));
    expect(qs[0].byClass[MatchClass.Similar]).toBe('((standard | standards:AB))');
    expect(qs[1].byClass[MatchClass.Similar]).toBe('((kopip | kopip:*AB))');
  });
  it('drops anything that is not a plain word, and ORs the groups for highlighting', () => {
    const qs = buildGroupQueries(queryGroups('ok fine'), expansions({ word: 'ok', expansions: ["x' | y", 'okay'], kinds: [3, 3] }));
    expect(qs[0].byClass[MatchClass.Similar]).toBe('((ok | okay:AB))');
    expect(anyGroupQuery(qs)).toBe('((ok | okay:AB)) | ((fine | fine:*AB))');
    expect(buildGroupQueries([], new Map())).toEqual([]);
  });
});

describe('joined and split spellings of compounds', () => {
  it('asks for every split of a long word and the join of neighbouring words', () => {
    const c = compoundCandidates(queryGroups('wallpaper blå'));
    expect(c).toEqual(expect.arrayContaining(['wal', 'lpaper', 'wall', 'paper', 'wallpa', 'per', 'wallpaperbla']));
    expect(compoundCandidates(queryGroups('a4 ark'))).toEqual([]); // too short, and digits are no compound parts
  });
  it('adds a split spelling as another term, and joins neighbouring words into one group', () => {
    const split = withCompoundSpellings(queryGroups('wallpaper'), new Set(['wall', 'paper']));
    expect(split.map((g) => g.terms)).toEqual([[['wallpaper'], ['wall', 'paper']]]);
    // the parts next to each other, in order
    expect(buildGroupQueries(split, new Map())[0].byClass[MatchClass.Exact]).toBe('((wallpaper:ABC) | (wall:ABC <-> paper:ABC))');
    const joined = withCompoundSpellings(queryGroups('wall paper rull'), new Set(['wallpaper']));
    expect(joined.map((g) => g.label)).toEqual(['wall paper', 'rull']);
    expect(joined[0].terms).toEqual([['wall', 'paper'], ['wallpaper']]);
    // nothing known: the groups as they were
    expect(withCompoundSpellings(queryGroups('wall paper'), new Set())).toEqual(queryGroups('wall paper'));
  });
});

describe('withoutSubsumed (boolean tests without the alternatives a prefix already matches)', () => {
  it('keeps only the prefix of a typed prefix and its expansions', () => {
    expect(withoutSubsumed('((chro | chro:* | chrom | chrome | chromatogram))')).toBe('((chro:*))');
    expect(withoutSubsumed('(chro:AC | chro:*A | chrom:A | chromic:A)')).toBe('(chro:AC | chro:*A)');
  });
  it('drops an alternative only where the prefix covers its weights', () => {
    // kopipapir in C (a title or attribute) is not among the rows the prefix in AB (name, description) matches
    expect(withoutSubsumed('(kopip:*AB | kopipapir:AB | kopipapir:C | kopi:D)')).toBe('(kopip:*AB | kopipapir:C | kopi:D)');
    expect(withoutSubsumed('(kopip:* | kopipapir:AB | kopipapir:*C)')).toBe('(kopip:*)');
  });
  it('leaves lists without a prefix, signed numbers, NOT, AND and phrase structure as they are', () => {
    expect(withoutSubsumed('((standard | standards:AB))')).toBe('((standard | standards:AB))');
    expect(withoutSubsumed("((2 | '-2') & (phenyl | phenyls:AB))")).toBe("((2 | '-2') & (phenyl | phenyls:AB))");
    expect(withoutSubsumed('((a:AC | ab:A)) & !((ab:* | abc:AB))')).toBe('((a:AC | ab:A)) & !((ab:*))');
    expect(withoutSubsumed('((wallpaper:ABC) | (wall:ABC <-> paper:ABC))')).toBe('((wallpaper:ABC) | (wall:ABC <-> paper:ABC))');
  });
  it('keeps one of two alternatives that match the same', () => {
    expect(withoutSubsumed('(ab:*A | ab:*A)')).toBe('(ab:*A)');
  });
});
