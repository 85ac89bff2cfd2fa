import { MEILI_SETTINGS, meiliSort } from './meilisearch.engine';
import { synonymVariants } from './meili-query';

describe('the settings the Meilisearch engine sends (issue 17 §2)', () => {
  it('ranks in the PostgreSQL engine’s tiers: words, typo, proximity, attribute, exactness, then the agreement signal, then sort (the eco-label tie-break)', () => {
    expect(MEILI_SETTINGS.rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'exactness', 'mandatory:desc', 'sort']);
    expect(MEILI_SETTINGS.sortableAttributes).toEqual(expect.arrayContaining(['price', 'ecoLabelled']));
  });
  it('searches name before description before manufacturer, the UNSPSC titles and codes last', () => {
    const order = MEILI_SETTINGS.searchableAttributes;
    expect(order[0]).toBe('name');
    expect(order.indexOf('description')).toBeLessThan(order.indexOf('manufacturer'));
    expect(order.slice(-2)).toEqual(['categoryText', 'unspscCode']);
    // the unit-normalised texts right after the text they normalise
    expect(order.indexOf('nameUnits')).toBe(order.indexOf('name') + 1);
    expect(order.indexOf('descriptionUnits')).toBe(order.indexOf('description') + 1);
  });
  it('allows a typo from 5 letters and two from 9, none on identifiers, numbers or the manufacturer', () => {
    expect(MEILI_SETTINGS.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ['sellerItemId', 'gtin', 'unspscCode', 'manufacturer'],
      disableOnNumbers: true,
    });
  });
  it('holds the maintained synonym list, every term of a set naming the others', () => {
    expect(MEILI_SETTINGS.synonyms['håndsprit']).toEqual(expect.arrayContaining(['hånddesinfeksjon', 'hand sanitizer']));
    expect(MEILI_SETTINGS.synonyms['chair']).toContain('stol');
  });
  it('ranks and sorts on numbers only: the agreement signal and the eco-label are 0/1 fields of the document', () => {
    expect(MEILI_SETTINGS.rankingRules.filter((r) => r.includes(':')).map((r) => r.split(':')[0])).toEqual(['mandatory']);
    expect(MEILI_SETTINGS.sortableAttributes).toContain('ecoLabelled');
  });
  it('cuts a long facet to its most common values, as the PostgreSQL engine and the API description say (Meilisearch cuts alphabetically by default)', () => {
    expect(MEILI_SETTINGS.faceting).toEqual({ maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } });
  });
  it('sorts by price, or by the eco-label when the buyer prefers it, and marks eco-labelled documents', () => {
    expect(meiliSort({ sort: 'PRICE_ASC' })).toEqual(['price:asc']);
    expect(meiliSort({ sort: 'RELEVANCE', preferEcoLabelled: true })).toEqual(['ecoLabelled:desc']);
    expect(meiliSort({ sort: 'RELEVANCE' })).toBeUndefined();
  });
  it('applies an organisation’s synonyms by rewriting the query: both ways, or one way from the first term', () => {
    const groups = [
      { terms: ['skriverark', 'kopipapir'], oneWay: true },
      { terms: ['elevpult', 'skolepult'], oneWay: false },
    ];
    expect(synonymVariants('skriverark a4', groups)).toEqual(['kopipapir a4']);
    expect(synonymVariants('kopipapir a4', groups)).toEqual([]);
    expect(synonymVariants('Skolepult', groups)).toEqual(['elevpult']);
    expect(synonymVariants('skriverark', undefined)).toEqual([]);
  });
});
