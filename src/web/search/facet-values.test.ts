import { describe, expect, it } from 'vitest';
import { activeFilters, offeredAttributes, offeredValues, rememberLabels, withoutFilters } from './facet-values';
import { filtersFromParams, searchInput } from './search-params';

const counts = [
  { value: '3', label: 'Kontorland AS', count: 40 },
  { value: '5', label: 'Datautstyr Norge AS', count: 12 },
  { value: '7', label: 'Medisinsk Forsyning AS', count: 2 },
];

describe('the values a facet offers', () => {
  it('offers the top values as counted, whether ticked or not', () => {
    expect(offeredValues(counts, ['3'], 12).map((c) => [c.value, c.count])).toEqual([
      ['3', 40],
      ['5', 12],
      ['7', 2],
    ]);
  });

  it('keeps a ticked value cut off below the top ones, with its count', () => {
    expect(offeredValues(counts, ['7'], 2).map((c) => c.value)).toEqual(['3', '5', '7']);
    expect(offeredValues(counts, ['7'], 2)[2].count).toBe(2);
  });

  it('keeps a ticked value the answer does not count, at 0 and with the label seen before', () => {
    expect(offeredValues(counts, ['9'], 12, (v) => (v === '9' ? 'Gammel leverandør AS' : undefined))[3]).toEqual({ value: '9', label: 'Gammel leverandør AS', count: 0 });
    expect(offeredValues([], ['9'], 12)).toEqual([{ value: '9', label: null, count: 0 }]);
  });

  it('keeps an attribute filtered on that the answer no longer counts', () => {
    const counted = [{ name: 'farge', values: [{ value: 'blå', count: 4 }] }];
    expect(offeredAttributes(counted, { farge: ['blå'], ecolabel: ['svanemerket'], format: [] }).map((a) => a.name)).toEqual(['farge', 'ecolabel']);
  });
});

describe('the filters that are on', () => {
  const labels = new Map<string, string>();
  rememberLabels(labels, 'supplier', counts);
  rememberLabels(labels, 'unspsc', [{ value: '44120000', label: 'Kontorrekvisita', count: 9 }]);
  rememberLabels(labels, 'attr:ecolabel', [{ value: 'svanemerket', count: 9 }]);

  it('two suppliers and two eco-labels search either supplier AND either eco-label', () => {
    const f = filtersFromParams(new URLSearchParams('supplier=3&supplier=5&attr=ecolabel:svanemerket&attr=ecolabel:eu ecolabel'));
    expect(searchInput(f, 20, null)).toMatchObject({ supplierIds: [3, 5], attributes: [{ name: 'ecolabel', values: ['svanemerket', 'eu ecolabel'] }] });
  });

  it('lists each filter with its name, and removing one leaves the others', () => {
    const f = filtersFromParams(new URLSearchParams('q=stol&unspsc=44120000&supplier=3&supplier=5&attr=ecolabel:svanemerket&min=100&max=abc'));
    const chips = activeFilters(f, labels);
    expect(chips.map((c) => [c.kind, c.value])).toEqual([
      ['category', 'Kontorrekvisita'],
      ['supplier', 'Kontorland AS'],
      ['supplier', 'Datautstyr Norge AS'],
      ['attribute', 'svanemerket'],
      ['priceMin', '100'],
    ]);
    const withoutKontorland = chips[1].without;
    expect(withoutKontorland.supplierIds).toEqual([5]);
    expect(withoutKontorland).toMatchObject({ text: 'stol', unspsc: ['44120000'], priceMin: '100' });
    expect(chips[3].without.attributes).toEqual({ ecolabel: [] });
    expect(chips[4].without.priceMin).toBe('');
    expect(chips[0].without.unspsc).toEqual([]);
  });

  it('names a filter whose label was never seen by its value', () => {
    const f = filtersFromParams(new URLSearchParams('supplier=42&unspsc=56101500'));
    expect(activeFilters(f, new Map()).map((c) => c.value)).toEqual(['56101500', '42']);
  });

  it('lists nothing when only the text and the sort are set, and clearing keeps them', () => {
    const f = filtersFromParams(new URLSearchParams('q=stol&sort=PRICE_ASC&supplier=3&min=5'));
    expect(activeFilters({ ...f, supplierIds: [], priceMin: '' }, labels)).toEqual([]);
    expect(withoutFilters(f)).toEqual({ ...f, supplierIds: [], unspsc: [], attributes: {}, priceMin: '', priceMax: '' });
    expect(withoutFilters(f)).toMatchObject({ text: 'stol', sort: 'PRICE_ASC' });
  });
});
