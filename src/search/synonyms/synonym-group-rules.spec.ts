import { queryGroups, synonymsWith } from '../engines/search-text';
import { checkSynonymGroup, isSynonymProblem, MAX_TERMS } from './synonym-group-rules';

describe('an organisation’s synonym groups', () => {
  it('stores terms as written and folded, with a key that ignores order (but not a one-way group’s source)', () => {
    const both = checkSynonymGroup(['  Håndsprit ', 'Hånd-desinfeksjon'], false);
    expect(both).toEqual({ terms: ['Håndsprit', 'Hånd-desinfeksjon'], folded: ['handsprit', 'hand desinfeksjon'], oneWay: false, key: '=hand desinfeksjon|handsprit' });
    expect(isSynonymProblem(both)).toBe(false);
    expect((checkSynonymGroup(['Hånd-desinfeksjon', 'håndsprit'], false) as { key: string }).key).toBe('=hand desinfeksjon|handsprit');
    expect((checkSynonymGroup(['a', 'b', 'c'], true) as { key: string }).key).toBe('>a|b|c');
    expect((checkSynonymGroup(['b', 'a', 'c'], true) as { key: string }).key).toBe('>b|a|c');
  });
  it('names the problem and the term: too few or many terms, empty, too long, too many words, repeated', () => {
    expect(checkSynonymGroup(['stol'], false)).toMatchObject({ code: 'TOO_FEW_TERMS', termIndex: null });
    expect(
      checkSynonymGroup(
        Array.from({ length: MAX_TERMS + 1 }, (_, i) => `w${i}`),
        false,
      ),
    ).toMatchObject({ code: 'TOO_MANY_TERMS' });
    expect(checkSynonymGroup(['stol', ' -- '], false)).toMatchObject({ code: 'EMPTY_TERM', termIndex: 1 });
    expect(checkSynonymGroup(['stol', 'x'.repeat(61)], false)).toMatchObject({ code: 'TERM_TOO_LONG', termIndex: 1 });
    expect(checkSynonymGroup(['stol', 'en stol med hjul'], false)).toMatchObject({ code: 'TOO_MANY_WORDS', termIndex: 1 });
    expect(checkSynonymGroup(['Stol', 'chair', 'STOL'], false)).toMatchObject({ code: 'REPEATED_TERM', termIndex: 2, message: expect.stringContaining('terms[0]') });
  });
  it('applies a both-way group in both directions and a one-way group from its first term only, beside the maintained list', () => {
    const synonyms = synonymsWith([
      { terms: ['skriverark', 'kopipapir'], oneWay: true },
      { terms: ['elevpult', 'skolepult'], oneWay: false },
    ]);
    expect(queryGroups('skriverark', synonyms)[0].terms).toEqual([['skriverark'], ['kopipapir']]);
    // one way: kopipapir keeps its maintained synonyms and gains nothing
    expect(queryGroups('kopipapir', synonyms)[0].terms).not.toContainEqual(['skriverark']);
    expect(queryGroups('kopipapir', synonyms)[0].terms).toContainEqual(['copy', 'paper']);
    expect(queryGroups('skolepult', synonyms)[0].terms).toEqual([['skolepult'], ['elevpult']]);
    // none given: the maintained list as it is
    expect(queryGroups('skriverark', synonymsWith([]))[0].terms).toEqual([['skriverark']]);
  });
});
