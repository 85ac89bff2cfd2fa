import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { priceClauseText } from './price-clause-text';

describe('priceClauseText', () => {
  const nb = i18next.getFixedT('nb');
  const en = i18next.getFixedT('en');
  const facts = { allowedPercent: '6.09', agreementStart: '2024-01-01' };

  it('says a maximum increase per period in bokmål, with today’s allowance', () => {
    const terms = { kind: 'MAX_INCREASE' as const, maxIncreasePercent: '3', periodMonths: 12, reference: 'AGREEMENT_START' as const };
    expect(priceClauseText(terms, facts, nb)).toBe('Høyst 3 % per 12 måneder, regnet fra avtalens start (01.01.2024). I dag tillater den høyst 6,09 % over prisen da.');
    expect(priceClauseText(terms, facts, en)).toBe('At most 3 % per 12 months, counted from the agreement’s start (01.01.2024). Today it allows at most 6,09 % above the price then.');
    expect(priceClauseText({ ...terms, reference: 'LAST_PUBLISH' }, facts, nb)).toContain('regnet fra siste publisering');
  });

  it('says an index clause, the whole change or a share of it', () => {
    const terms = { kind: 'INDEX' as const, indexName: 'KPI', indexSharePercent: '100', baseIndexValue: '120.5', baseIndexDate: '2025-01-01' };
    expect(priceClauseText(terms, { ...facts, allowedPercent: '2.5' }, nb)).toBe('Hele endringen i KPI fra 120,5 (01.01.2025). I dag tillater den høyst 2,5 % over prisen 01.01.2025.');
    expect(priceClauseText({ ...terms, indexSharePercent: '80' }, facts, nb)).toMatch(/^80 % av endringen i KPI/);
    expect(priceClauseText({ ...terms, indexSharePercent: '80' }, facts, en)).toMatch(/^80 % of the change in KPI/);
  });

  it('is null when the terms lack what the sentence needs (the server’s text is shown)', () => {
    expect(priceClauseText({ kind: 'MAX_INCREASE', maxIncreasePercent: '3' }, facts, nb)).toBeNull();
    expect(priceClauseText({ kind: 'INDEX', indexName: 'KPI' }, facts, nb)).toBeNull();
  });
});
