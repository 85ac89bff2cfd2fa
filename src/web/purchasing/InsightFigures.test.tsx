import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

describe('many suppliers', () => {
  // 23 suppliers in kroner, amounts 2300, 2200, … 100: the biggest first.
  const many = Array.from({ length: 23 }, (_, i) => ({ supplierName: `Leverandør ${i + 1}`, currency: 'NOK', amount: String((23 - i) * 100), lines: 1, documents: 1 }));

  it('draws the ten biggest and sums the other thirteen into one bar, so the bars still add up to the total', () => {
    render(<SpendFigures rows={[...many].reverse()} />);
    const data = charts[charts.length - 1].data;
    expect(data.labels).toEqual([...many.slice(0, 10).map((r) => r.supplierName), '13 andre leverandører']);
    const values = data.datasets[0].data as number[];
    expect(values.slice(0, 10)).toEqual([2300, 2200, 2100, 2000, 1900, 1800, 1700, 1600, 1500, 1400]);
    expect(values[10]).toBe(1300 + 1200 + 1100 + 1000 + 900 + 800 + 700 + 600 + 500 + 400 + 300 + 200 + 100);
    expect(values.reduce((a, b) => a + b, 0)).toBe(27600);
    expect(plain(screen.getByTestId('spend-suppliers').textContent ?? '')).toBe('23 leverandører, til sammen 27 600,00 kr. Diagrammet viser de 10 største; de 13 andre er samlet i én stolpe.');
  });

  it('shows the table ten suppliers a page, the last page holding the rest', async () => {
    render(<LeakageFigures rows={many.map((r) => ({ ...r, potentialSaving: '1', linesWithAlternative: 0 }))} />);
    expect(cells('leakage-table').map((r) => r[0])).toEqual(many.slice(0, 10).map((r) => r.supplierName));
    expect(screen.getByTestId('leakage-table').querySelector('caption')?.textContent).toBe('Lekkasje per leverandør (leverandør 1–10 av 23)');
    const pager = screen.getByRole('navigation', { name: 'Sider i Lekkasje per leverandør' });
    await userEvent.click(within(pager).getByRole('button', { name: 'Neste' }));
    expect(cells('leakage-table').map((r) => r[0])).toEqual(many.slice(10, 20).map((r) => r.supplierName));
    await userEvent.click(within(pager).getByRole('button', { name: 'Neste' }));
    expect(cells('leakage-table').map((r) => r[0])).toEqual(['Leverandør 21', 'Leverandør 22', 'Leverandør 23']);
    expect(within(pager).getByRole<HTMLButtonElement>('button', { name: 'Neste' }).disabled).toBe(true);
    // The savings bar of the rest is the rest's savings: 13 suppliers × 1 kr.
    expect((charts[charts.length - 1].data.datasets[1].data as number[])[10]).toBe(13);
  });

  it('draws every supplier and has no pager with ten or fewer', () => {
    render(<SpendFigures rows={many.slice(0, 10)} />);
    expect(charts[charts.length - 1].data.labels).toHaveLength(10);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByTestId('spend-suppliers')).toBeNull();
  });
});
