import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, exportPath, filterFromSearch, filterToSearch, insightFilter, periodProblem } from './insight-filter';

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
    expect(exportPath('ceiling-use', EMPTY_FILTER, ['AGREEMENT'])).toBe('/insights/ceiling-use.csv?groupBy=AGREEMENT');
    expect(exportPath('spend', { ...EMPTY_FILTER, to: '2026-12-31' }, ['SUPPLIER'])).toBe('/insights/spend.csv?groupBy=SUPPLIER&to=2026-12-31');
  });
});
