import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { axis, cells, chartTestIds as testIds, charts, clearCharts, plain, tooltip } from '../test/chart-stub';
import { groupByCurrency } from './chart-data';
import { LeakageFigures, LoyaltyFigures, SpendFigures, type LoyaltyFigure } from './InsightFigures';

vi.mock('react-chartjs-2', () => import('../test/chart-stub'));

const loyalty = (period: string, currency: string, onAgreement: string, offAgreement: string, agreementLoyalty: number): LoyaltyFigure => ({
  period,
  currency,
  onAgreement,
  offAgreement,
  offCatalogue: '0',
  notCovered: '0',
  total: String(Number(onAgreement) + Number(offAgreement)),
  agreementLoyalty,
});

beforeEach(clearCharts);

describe('groupByCurrency', () => {
  it('puts kroner first, then the other currencies by code, each keeping the order it was given', () => {
    const rows = [
      { currency: 'SEK', n: 1 },
      { currency: 'NOK', n: 2 },
      { currency: 'EUR', n: 3 },
      { currency: 'NOK', n: 4 },
    ];
    expect(groupByCurrency(rows)).toEqual([
      { currency: 'NOK', rows: [rows[1], rows[3]] },
      { currency: 'EUR', rows: [rows[2]] },
      { currency: 'SEK', rows: [rows[0]] },
    ]);
    expect(groupByCurrency([])).toEqual([]);
  });
});

describe('the dashboards’ figures per currency', () => {
  it('draws kroner alone as before: one chart and table, amounts in kr, nothing to explain', () => {
    render(<SpendFigures rows={[{ supplierName: 'Kontorland AS', currency: 'NOK', amount: '1234.5', lines: 3, documents: 2 }]} />);
    expect(testIds()).toEqual(['spend-chart']);
    expect(axis(charts[0], 1000)).toBe('1 000,00 kr');
    expect(cells('spend-table')).toEqual([['Kontorland AS', '1 234,50 kr', '2', '3']]);
    expect(screen.queryByTestId('spend-currencies')).toBeNull();
    expect(screen.queryByRole('heading', { level: 3 })).toBeNull();
  });

  it('never adds euros to kroner: a chart, a table and a heading per currency, each amount in its own currency', () => {
    render(
      <SpendFigures
        rows={[
          { supplierName: 'Kontorland AS', currency: 'EUR', amount: '140', lines: 2, documents: 1 },
          { supplierName: 'Kontorland AS', currency: 'NOK', amount: '450.7', lines: 1, documents: 1 },
          { supplierName: 'Nærbutikken', currency: 'NOK', amount: '600', lines: 1, documents: 1 },
        ]}
      />,
    );
    expect(screen.getByTestId('spend-currencies').textContent).toContain('(NOK, EUR)');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Innkjøp i NOK', 'Innkjøp i EUR']);
    expect(testIds()).toEqual(['spend-chart-NOK', 'spend-chart-EUR']);
    // Each chart holds its own currency's suppliers, largest first, and prints that currency.
    expect(charts.map((c) => c.data.labels)).toEqual([['Nærbutikken', 'Kontorland AS'], ['Kontorland AS']]);
    expect(charts.map((c) => c.data.datasets[0].data)).toEqual([[600, 450.7], [140]]);
    expect(charts.map((c) => [axis(c, 5), tooltip(c, 5)])).toEqual([
      ['5,00 kr', 'x: 5,00 kr'],
      ['5,00 €', 'x: 5,00 €'],
    ]);
    expect(screen.getByTestId('spend-chart-EUR').getAttribute('aria-label')).toMatch(/^Stolpediagram i EUR:/);
    expect(cells('spend-table-NOK')).toEqual([
      ['Nærbutikken', '600,00 kr', '1', '1'],
      ['Kontorland AS', '450,70 kr', '1', '1'],
    ]);
    expect(cells('spend-table-EUR')).toEqual([['Kontorland AS', '140,00 €', '1', '2']]);
    expect(screen.getByTestId('spend-table-EUR').querySelector('caption')?.textContent).toBe('Innkjøp per leverandør, i EUR');
  });

  it('gives loyalty per currency: its own months, stacked bars, table and share of the selection', () => {
    render(
      <LoyaltyFigures
        rows={[loyalty('2026-02-01', 'NOK', '300', '100', 0.75), loyalty('2026-01-01', 'NOK', '50', '0', 1), loyalty('2026-02-01', 'EUR', '10', '30', 0.25)]}
        totals={[
          { currency: 'EUR', agreementLoyalty: 0.25 },
          { currency: 'NOK', agreementLoyalty: 0.7778 },
        ]}
      />,
    );
    expect(testIds()).toEqual(['loyalty-chart-NOK', 'loyalty-chart-EUR']);
    expect(charts.map((c) => c.data.labels)).toEqual([['jan. 2026', 'feb. 2026'], ['feb. 2026']]);
    expect(charts[1].data.datasets.map((d) => d.data)).toEqual([[10], [30], [0]]);
    expect(axis(charts[1], 1)).toBe('1,00 €');
    expect(plain(screen.getByTestId('loyalty-total-NOK').textContent ?? '')).toBe('Avtalelojalitet i utvalget, innkjøp i NOK: 77,8 %');
    expect(plain(screen.getByTestId('loyalty-total-EUR').textContent ?? '')).toBe('Avtalelojalitet i utvalget, innkjøp i EUR: 25 %');
    expect(cells('loyalty-table-EUR')).toEqual([['feb. 2026', '10,00 €', '30,00 €', '0,00 €', '40,00 €', '25 %']]);
    expect(cells('loyalty-table-NOK').map((r) => r[4])).toEqual(['50,00 kr', '400,00 kr']);
  });

  it('gives leakage per currency, each supplier’s saving in its own currency', () => {
    render(
      <LeakageFigures
        rows={[
          { supplierName: null, currency: 'SEK', amount: '75', potentialSaving: '5', lines: 1, linesWithAlternative: 1 },
          { supplierName: 'Kontorland AS', currency: 'NOK', amount: '200', potentialSaving: '37.15', lines: 1, linesWithAlternative: 1 },
        ]}
      />,
    );
    expect(testIds()).toEqual(['leakage-chart-NOK', 'leakage-chart-SEK']);
    expect(cells('leakage-table-NOK')).toEqual([['Kontorland AS', '200,00 kr', '37,15 kr', '1', '1']]);
    expect(cells('leakage-table-SEK')).toEqual([['(uten navn)', '75,00 SEK', '5,00 SEK', '1', '1']]);
  });
});
