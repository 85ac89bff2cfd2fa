import { render, screen, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import type { Bar } from 'react-chartjs-2';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CeilingUseFigures, type CeilingUse } from './CeilingUseFigures';
import { byCurrency } from './chart-data';

/**
 * Chart.js draws on a canvas jsdom does not have: a stand-in for react-chartjs-2's Bar keeps the
 * props each chart was given, so the test can ask its axis and tooltips what they print. The real
 * chart runs in the browser test (test/web-purchasing.e2e-spec.ts).
 */
type BarProps = ComponentProps<typeof Bar>;
const charts: BarProps[] = [];
vi.mock('react-chartjs-2', () => ({
  Bar: (props: BarProps) => {
    charts.push(props);
    return <div role="img" aria-label={props['aria-label']} data-testid={(props as Record<string, unknown>)['data-testid'] as string} />;
  },
}));

/** What a chart prints on its money axis for a value, and in a tooltip for the first bar. */
function printed(chart: BarProps, value: number) {
  const y = chart.options?.scales?.y as { ticks: { callback: (v: number) => string } };
  const tooltip = chart.options?.plugins?.tooltip?.callbacks?.label as unknown as (c: { dataset: { label: string }; parsed: { y: number } }) => string;
  return { axis: plain(y.ticks.callback(value)), tooltip: plain(tooltip({ dataset: { label: 'Avtaletak' }, parsed: { y: value } })) };
}
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

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

const cells = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => plain(c.textContent ?? '')));

beforeEach(() => {
  charts.length = 0;
});

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
