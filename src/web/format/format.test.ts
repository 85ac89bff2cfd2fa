import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, todayInNorway } from './format';

// nb-NO groups thousands with a no-break space and writes the currency after the amount.
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('nb-NO formatting', () => {
  it('formats money as NOK with two decimals, exactly from decimal strings', () => {
    expect(nbsp(formatMoney('1234.5'))).toBe('1 234,50 kr');
    expect(nbsp(formatMoney('0'))).toBe('0,00 kr');
    // Beyond a double's precision: formatted from the string, not a float.
    expect(nbsp(formatMoney('12345678901234567.89'))).toBe('12 345 678 901 234 567,89 kr');
    expect(nbsp(formatMoney('-99.999'))).toBe('−100,00 kr');
  });

  it('formats numbers, percentages and dates the Norwegian way', () => {
    expect(nbsp(formatNumber('1234.25'))).toBe('1 234,25');
    expect(formatNumber(3)).toBe('3');
    expect(formatPercent('25.00')).toBe('25 %');
    expect(formatDate('2026-12-01')).toBe('01.12.2026');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01.01.2027'); // already New Year in Oslo
    expect(formatDateTime('2026-06-01T10:05:00Z')).toBe('01.06.2026, 12:05');
  });

  it('knows what day it is in Norway', () => {
    expect(todayInNorway(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
