import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { axis, cells, charts, clearCharts, tooltip, type BarProps } from '../test/chart-stub';
import { CeilingUseFigures, type CeilingUse } from './CeilingUseFigures';
import { byCurrency } from './chart-data';

vi.mock('react-chartjs-2', () => import('../test/chart-stub'));

/** What a chart prints on its money axis for a value, and in a tooltip for the first bar. */
const printed = (chart: BarProps, value: number) => ({ axis: axis(chart, value), tooltip: tooltip(chart, value, 'Avtaletak') });

const row = (agreementId: number, reference: string, currency: string, ceiling: string | null, committed: string): CeilingUse => ({
  agreementId,
  reference,
  currency,
  ceiling,
  committed,
  remaining: ceiling === null ? null : String(Number(ceiling) - Number(committed)),
  orderedHere: committed,
  used: ceiling === null ? null : Number(committed) / Number(ceiling),
});

beforeEach(clearCharts);

describe('CeilingUseFigures', () => {
  it('labels the axis, the tooltips and the table in the agreement’s currency, not in kroner', () => {
    render(<CeilingUseFigures rows={[row(1, 'EU-1', 'EUR', '2500', '500')]} />);
    expect(charts).toHaveLength(1);
    expect(printed(charts[0], 1000)).toEqual({ axis: '1 000,00 €', tooltip: 'Avtaletak: 1 000,00 €' });
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^Stolpediagram i EUR:/);
    expect(cells('ceiling-table')).toEqual([['EU-1', '2 500,00 €', '500,00 €', '2 000,00 €', '20 %', '500,00 €']]);
    // One currency: nothing to explain.
    expect(screen.queryByTestId('ceiling-currencies')).toBeNull();
  });

  it('draws one chart per currency when the agreements mix them, and says so', () => {
    render(<CeilingUseFigures rows={[row(1, 'EU-1', 'EUR', '2500', '500'), row(2, 'NO-1', 'NOK', '10000', '9000'), row(3, 'SE-1', 'SEK', null, '40'), row(4, 'NO-2', 'NOK', '100', '1')]} />);
    expect(screen.getByTestId('ceiling-currencies').textContent).toContain('(NOK, EUR, SEK)');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Avtaler i NOK', 'Avtaler i EUR', 'Avtaler i SEK']);
    // Each chart holds its own currency's agreements only, and prints that currency.
    expect(charts.map((c) => c.data.labels)).toEqual([['NO-1', 'NO-2'], ['EU-1'], ['SE-1']]);
    expect(charts.map((c) => printed(c, 5).axis)).toEqual(['5,00 kr', '5,00 €', '5,00 SEK']);
    expect(charts.map((c) => (c as Record<string, unknown>)['data-testid'])).toEqual(['ceiling-chart-NOK', 'ceiling-chart-EUR', 'ceiling-chart-SEK']);
    expect(screen.getByTestId('ceiling-chart-SEK').getAttribute('aria-label')).toMatch(/^Stolpediagram i SEK:/);
    // The table: every agreement, each amount with its own currency.
    expect(cells('ceiling-table')).toEqual([
      ['NO-1', '10 000,00 kr', '9 000,00 kr', '1 000,00 kr', '90 %', '9 000,00 kr'],
      ['NO-2', '100,00 kr', '1,00 kr', '99,00 kr', '1 %', '1,00 kr'],
      ['EU-1', '2 500,00 €', '500,00 €', '2 000,00 €', '20 %', '500,00 €'],
      ['SE-1', 'Intet tak', '40,00 SEK', '–', '–', '40,00 SEK'],
    ]);
  });
});

describe('byCurrency', () => {
  it('groups by currency, NOK first, each group ordered by use', () => {
    const groups = byCurrency([row(1, 'B', 'DKK', '10', '1'), row(2, 'A', 'NOK', '10', '1'), row(3, 'C', 'DKK', '10', '9'), row(4, 'D', 'EUR', null, '0')]);
    expect(groups.map((g) => [g.currency, g.rows.map((r) => r.reference)])).toEqual([
      ['NOK', ['A']],
      ['DKK', ['C', 'B']],
      ['EUR', ['D']],
    ]);
  });
});
