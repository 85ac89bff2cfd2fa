import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, exportPath, filterFromSearch, filterToSearch, insightFilter, organisationOptions, periodProblem, segmentOptions } from './insight-filter';

describe('the dashboards’ filter', () => {
  it('round-trips through the address and drops what is malformed', () => {
    const f = { from: '2026-01-01', to: '2026-06-30', organisationId: 12, segment: '44000000' };
    expect(filterFromSearch(filterToSearch(f))).toEqual(f);
    expect(filterFromSearch(new URLSearchParams('from=1.1.2026&org=x&segment=44'))).toEqual(EMPTY_FILTER);
    expect(filterToSearch(EMPTY_FILTER).toString()).toBe('');
  });

  it('refuses a period that ends before it starts', () => {
    expect(periodProblem({ from: '2026-05-01', to: '2026-04-30' })).toBe('purchasing.dashboards.fromAfterTo');
    expect(periodProblem({ from: '2026-05-01', to: '' })).toBeNull();
    expect(periodProblem({ from: '2026-13', to: '' })).toBe('purchasing.dashboards.badFrom');
  });

  it('becomes the API’s InsightFilter and the same filter for the CSV export', () => {
    const f = { from: '2026-01-01', to: '', organisationId: 7, segment: '14000000' };
    expect(insightFilter(f, ['PERIOD'])).toEqual({ groupBy: ['PERIOD'], from: '2026-01-01', organisationId: 7, unspscCode: '14000000' });
    expect(insightFilter(EMPTY_FILTER, [])).toEqual({ groupBy: [] });
    expect(exportPath('leakage', f, ['SUPPLIER'])).toBe('/insights/leakage.csv?groupBy=SUPPLIER&from=2026-01-01&organisationId=7&unspscCode=14000000');
  });
});

describe('organisation and segment choices', () => {
  const orgs = [
    { id: 1, name: 'Storby kommune', parentId: null },
    { id: 2, name: 'Nordby skole', parentId: 1 },
    { id: 3, name: 'Storby sykehjem', parentId: 1 },
    { id: 4, name: 'Vestby kommune', parentId: null },
    { id: 5, name: 'Avdeling A', parentId: 3 },
  ];

  it('offers each participant with everything below it as a tree, once, and nothing outside', () => {
    expect(organisationOptions(orgs, [1, 3])).toEqual([
      { id: 1, name: 'Storby kommune', depth: 0 },
      { id: 2, name: 'Nordby skole', depth: 1 },
      { id: 3, name: 'Storby sykehjem', depth: 1 },
      { id: 5, name: 'Avdeling A', depth: 2 },
    ]);
    expect(organisationOptions(orgs, [3]).map((o) => o.id)).toEqual([3, 5]);
    expect(organisationOptions(orgs, [])).toEqual([]);
  });

  it('offers the segments of the agreements’ scopes, each once, by code', () => {
    const node = (code: string, level: number, title: string) => ({ code, level, title });
    expect(
      segmentOptions([
        { code: '44120000', path: [node('44000000', 1, 'Kontorutstyr'), node('44120000', 2, 'Kontorrekvisita')] },
        { code: '14110000', path: [node('14000000', 1, 'Papir'), node('14110000', 2, 'Papirprodukter')] },
        { code: '44110000', path: [node('44000000', 1, 'Kontorutstyr'), node('44110000', 2, 'Kontormaskiner')] },
      ]),
    ).toEqual([
      { code: '14000000', title: 'Papir' },
      { code: '44000000', title: 'Kontorutstyr' },
    ]);
  });
});
