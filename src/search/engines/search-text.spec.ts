import { buildTsQuery, queryWords } from './search-text';

describe('search text helpers', () => {
  it('folds Norwegian letters and accents like unaccent and splits words', () => {
    expect(queryWords('Blå Kontorstol, Ærlig  Café')).toEqual(['bla', 'kontorstol', 'aerlig', 'cafe']);
  });
  it('keeps no tsquery syntax from user input', () => {
    expect(queryWords("a & b | !c:* 'd'")).toEqual(['a', 'b', 'c', 'd']);
  });
  it('ANDs the words and ORs each word’s expansions', () => {
    expect(
      buildTsQuery([
        { word: 'nitril', expansions: ['nitrilhansker'] },
        { word: 'hanskr', expansions: ['hansker', 'nitrilhansker'] },
      ]),
    ).toBe('(nitril | nitrilhansker) & (hanskr:* | hansker | nitrilhansker)');
  });
  it('takes only the last word as a prefix, and only when the index does not know it', () => {
    expect(buildTsQuery([{ word: 'kopip', expansions: ['kopipapir'] }])).toBe('(kopip:* | kopipapir)');
    expect(buildTsQuery([{ word: 'standard', expansions: ['standard', 'standards'] }])).toBe('(standard | standards)');
    expect(
      buildTsQuery([
        { word: 'kopip', expansions: [] },
        { word: 'a4', expansions: ['a4'] },
      ]),
    ).toBe('(kopip) & (a4)');
  });
  it('matches short numbers exactly and longer ones as prefixes', () => {
    expect(
      buildTsQuery([
        { word: '2', expansions: [] },
        { word: 'propanone', expansions: [] },
      ]),
    ).toBe("(2 | '-2') & (propanone:*)");
    expect(buildTsQuery([{ word: '70900000', expansions: [] }])).toBe('(70900000:*)');
  });
  it('drops anything that is not a plain word', () => {
    expect(buildTsQuery([{ word: 'ok', expansions: ["x' | y", 'fine'] }])).toBe('(ok:* | fine)');
    expect(buildTsQuery([])).toBeNull();
  });
});
