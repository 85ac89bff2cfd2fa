import { MEILI_SETTINGS, meiliDay, meiliValidOn } from './meilisearch.engine';

describe('Meilisearch: items’ validity as filterable numbers', () => {
  it('indexes dates as YYYYMMDD, no limit as the first or last day', () => {
    expect(meiliDay('2026-12-05', 'first')).toBe(20261205);
    expect(meiliDay(null, 'first')).toBe(0);
    expect(meiliDay(null, 'last')).toBe(99991231);
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(expect.arrayContaining(['validFrom', 'validTo']));
  });

  it('filters on the day a search runs, and keeps documents indexed before the dates were', () => {
    expect(meiliValidOn('2026-12-01')).toBe('(validFrom NOT EXISTS OR validFrom <= 20261201) AND (validTo NOT EXISTS OR validTo >= 20261201)');
  });
});
