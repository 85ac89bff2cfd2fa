import { describe, expect, it } from 'vitest';
import { checkCeiling, checkClause, clauseDraftOf, clauseFieldOf, EMPTY_CLAUSE, parseNorwegianDecimal } from './agreement-terms';

describe('Norwegian decimals', () => {
  it('takes spaces, no-break spaces or points between thousands and a comma before decimals, and sends the digits exactly', () => {
    expect(parseNorwegianDecimal('1 250 000,50')).toBe('1250000.50');
    expect(parseNorwegianDecimal('1\u00a0250\u202f000,5')).toBe('1250000.5');
    expect(parseNorwegianDecimal('1.250.000,50')).toBe('1250000.50');
    expect(parseNorwegianDecimal('0,1')).toBe('0.1');
    expect(parseNorwegianDecimal('12345678901234567,89')).toBe('12345678901234567.89');
    expect(parseNorwegianDecimal('007')).toBe('7');
  });

  it('refuses what is not a plain non-negative amount', () => {
    for (const bad of ['', '  ', '-5', '1,2,3', '12a', '1e6', '1.25.0', 'kr 100']) expect([bad, parseNorwegianDecimal(bad)]).toEqual([bad, null]);
  });
});

describe('the ceiling form', () => {
  it('sends the decimal string, or null to remove the ceiling', () => {
    expect(checkCeiling({ amount: '5 000 000' })).toEqual({ errors: {}, valueCeiling: '5000000' });
    expect(checkCeiling({ amount: '10 000,05' })).toEqual({ errors: {}, valueCeiling: '10000.05' });
    expect(checkCeiling({ amount: ' ' })).toEqual({ errors: {}, valueCeiling: null });
  });

  it('names the problem: format, more than two decimals, too large', () => {
    expect(checkCeiling({ amount: 'ti tusen' }).errors.amount).toBe('purchasing.terms.errors.amountFormat');
    expect(checkCeiling({ amount: '1,005' }).errors.amount).toBe('purchasing.terms.errors.amountDecimals');
    expect(checkCeiling({ amount: '99999999999999' }).errors.amount).toBe('purchasing.terms.errors.amountTooLarge');
    expect(checkCeiling({ amount: 'x' }).valueCeiling).toBeUndefined();
  });
});

describe('the price clause form', () => {
  it('builds a maximum increase per period with the percent as typed in Norway', () => {
    expect(checkClause(4, { ...EMPTY_CLAUSE, percent: '2,5', periodMonths: '12', reference: 'LAST_PUBLISH' })).toEqual({
      errors: {},
      input: { agreementId: 4, maxIncrease: { percent: '2.5', periodMonths: 12, reference: 'LAST_PUBLISH' } },
    });
  });

  it('builds an index clause, and checks only the chosen kind’s fields', () => {
    const d = { ...EMPTY_CLAUSE, kind: 'INDEX' as const, percent: 'ignored', indexName: ' KPI ', baseDate: '2025-01-01', baseValue: '131,2', sharePercent: '80' };
    expect(checkClause(4, d)).toEqual({ errors: {}, input: { agreementId: 4, index: { indexName: 'KPI', baseDate: '2025-01-01', baseValue: '131.2', sharePercent: '80' } } });
  });

  it('gives each field its problem', () => {
    expect(checkClause(4, { ...EMPTY_CLAUSE, percent: '', periodMonths: '61' }).errors).toEqual({
      percent: 'purchasing.terms.errors.percentMissing',
      periodMonths: 'purchasing.terms.errors.periodMonths',
    });
    expect(checkClause(4, { ...EMPTY_CLAUSE, percent: '101' }).errors).toEqual({ percent: 'purchasing.terms.errors.percentRange' });
    expect(checkClause(4, { ...EMPTY_CLAUSE, kind: 'INDEX', sharePercent: '0', baseValue: '0' }).errors).toEqual({
      indexName: 'purchasing.terms.errors.indexName',
      baseDate: 'purchasing.terms.errors.baseDate',
      baseValue: 'purchasing.terms.errors.baseValue',
      sharePercent: 'purchasing.terms.errors.sharePercent',
    });
  });

  it('fills the form from the clause in force, with commas, and maps the server’s field names to the form’s', () => {
    expect(clauseDraftOf({ kind: 'MAX_INCREASE', maxIncreasePercent: '2.5', periodMonths: 6, reference: 'AGREEMENT_START' })).toMatchObject({
      kind: 'MAX_INCREASE',
      percent: '2,5',
      periodMonths: '6',
    });
    expect(clauseDraftOf({ kind: 'INDEX', indexName: 'KPI', baseIndexDate: '2025-01-01', baseIndexValue: '131.2', indexSharePercent: '80' })).toMatchObject({
      kind: 'INDEX',
      baseValue: '131,2',
      sharePercent: '80',
    });
    expect(clauseDraftOf(null)).toEqual(EMPTY_CLAUSE);
    expect(clauseFieldOf('index.sharePercent')).toBe('sharePercent');
    expect(clauseFieldOf('agreementId')).toBeNull();
    expect(clauseFieldOf(undefined)).toBeNull();
  });
});
