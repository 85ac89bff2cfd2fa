import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsFromFilters, parsePrice, searchInput, toggle } from './search-params';

describe('search filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const params = new URLSearchParams('q=stol&unspsc=56101500&unspsc=44120000&supplier=3&attr=ecolabel:Svanemerket&attr=ecolabel:Blomsten&min=100&max=1%20200&sort=PRICE_ASC');
    const f = filtersFromParams(params);
    expect(f).toEqual({
      text: 'stol',
      unspsc: ['56101500', '44120000'],
      supplierIds: [3],
      attributes: { ecolabel: ['Svanemerket', 'Blomsten'] },
      priceMin: '100',
      priceMax: '1 200',
      sort: 'PRICE_ASC',
    });
    expect(filtersFromParams(paramsFromFilters(f))).toEqual(f);
  });

  it('drops what is not a filter: bad codes, ids, sorts and attribute pairs', () => {
    const f = filtersFromParams(new URLSearchParams('unspsc=123&supplier=x&supplier=-1&sort=NAME&attr=novalue&attr=:x'));
    expect(f.unspsc).toEqual([]);
    expect(f.supplierIds).toEqual([]);
    expect(f.sort).toBe('RELEVANCE');
    expect(f.attributes).toEqual({});
    expect(paramsFromFilters(f).toString()).toBe('');
  });

  it('reads prices as typed in Norway', () => {
    expect(parsePrice('99,50')).toBe('99.50');
    expect(parsePrice('1 200')).toBe('1200');
    expect(parsePrice('12,345')).toBeNull();
    expect(parsePrice('abc')).toBeNull();
    expect(parsePrice('')).toBeNull();
  });

  it('builds the API input, leaving out empty filters and prices that are not prices', () => {
    const f = filtersFromParams(new URLSearchParams('q=%20papir%20&min=abc&max=250,5&attr=ecolabel:Svanemerket'));
    expect(searchInput(f, 20, 'c1')).toEqual({
      text: 'papir',
      unspsc: undefined,
      supplierIds: undefined,
      attributes: [{ name: 'ecolabel', values: ['Svanemerket'] }],
      priceMin: undefined,
      priceMax: '250.5',
      sort: 'RELEVANCE',
      first: 20,
      after: 'c1',
    });
  });

  it('toggles a value in a list', () => {
    expect(toggle([1, 2], 3, true)).toEqual([1, 2, 3]);
    expect(toggle([1, 2], 2, true)).toEqual([1, 2]);
    expect(toggle([1, 2], 1, false)).toEqual([2]);
  });
});
