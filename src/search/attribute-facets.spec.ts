import { attributeFacet, attributeFacets } from './attribute-facets';

describe('attribute facets', () => {
  it('makes one lower-cased name=value facet per attribute, Norwegian letters included', () => {
    expect(attributeFacets({ Miljømerke: 'Svanemerket', Størrelse: 'XL', Merke: 'ØKO' })).toEqual(['miljømerke=svanemerket', 'størrelse=xl', 'merke=øko']);
  });
  it('has none for an item without attributes', () => {
    expect(attributeFacets({})).toEqual([]);
    expect(attributeFacets(null)).toEqual([]);
  });
  it('writes a filter value the way items are stored', () => {
    expect(attributeFacet('Miljømerke', 'SVANEMERKET')).toBe(attributeFacets({ miljømerke: 'Svanemerket' })[0]);
  });
});
