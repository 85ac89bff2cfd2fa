import { describe, expect, it } from 'vitest';
import { leakageChart, loyaltyChart, monthLabel, sumDecimal } from './chart-data';
import { ceilingUsedPercent, needsOverride, priceChangeText, reasonProblem } from './review';

const plain = (s: string) => s.replace(/[\u00a0\u202f\u2212]/g, (c) => (c === '\u2212' ? '-' : ' '));

describe('the catalogue review’s rules', () => {
  it('asks for an override only when increases go beyond the clause', () => {
    expect(needsOverride({ priceClause: { flaggedCount: 2 } })).toBe(true);
    expect(needsOverride({ priceClause: { flaggedCount: 0 } })).toBe(false);
    expect(needsOverride({ priceClause: null })).toBe(false);
  });

  it('refuses an empty or too short reason', () => {
    expect(reasonProblem('  ok ')).toBe(true);
    expect(reasonProblem('Feil priser')).toBe(false);
  });

  it('shows price movements signed, Norwegian style, and nothing for no change', () => {
    expect(plain(priceChangeText(20))).toBe('+20,0 %');
    expect(plain(priceChangeText(-9.95))).toMatch(/^-(9,9|10,0) %$/);
    expect(priceChangeText(0)).toBe('');
    expect(priceChangeText(null)).toBe('');
  });

  it('measures the share of the ceiling committed', () => {
    expect(ceilingUsedPercent('10000', '2500')).toBe(25);
    expect(ceilingUsedPercent('3', '1')).toBe(33.3);
    expect(ceilingUsedPercent(null, '2500')).toBeNull();
  });
});

describe('the dashboards’ chart data', () => {
  it('stacks loyalty per month in order, off agreement with off catalogue', () => {
    const rows = [
      { period: '2026-11-01', onAgreement: '100.50', offAgreement: '20', offCatalogue: '5', notCovered: '0' },
      { period: '2026-10-01', onAgreement: '80', offAgreement: '0', offCatalogue: '0', notCovered: '12.25' },
    ];
    const chart = loyaltyChart(rows, (p) => p.slice(0, 7));
    expect(chart.labels).toEqual(['2026-10', '2026-11']);
    expect(chart.series.map((s) => s.values)).toEqual([
      [80, 100.5],
      [0, 25],
      [12.25, 0],
    ]);
  });

  it('orders leakage by amount, naming suppliers without a name', () => {
    const chart = leakageChart(
      [
        { supplierName: 'Nærbutikken', amount: '600', potentialSaving: '150' },
        { supplierName: null, amount: '1000', potentialSaving: '0' },
      ],
      '(uten navn)',
    );
    expect(chart.labels).toEqual(['(uten navn)', 'Nærbutikken']);
    expect(chart.series[1].values).toEqual([0, 150]);
  });

  it('names months in Norwegian and sums decimals exactly', () => {
    expect(monthLabel('2026-11-01')).toMatch(/^nov\.? 2026$/);
    expect(sumDecimal('0.1', '0.2')).toBe('0.3');
    expect(sumDecimal('12.50', '-20.0000')).toBe('-7.5');
    expect(sumDecimal('0', '0')).toBe('0');
  });
});
