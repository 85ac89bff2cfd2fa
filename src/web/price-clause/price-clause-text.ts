/**
 * An agreement's price-adjustment clause in the user's language, from its terms and today's
 * allowance (pure). Null when the terms lack what the sentence needs: the caller then shows the
 * server's `clause` text.
 */
import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../format/format';

export interface PriceClauseTerms {
  kind: 'MAX_INCREASE' | 'INDEX';
  maxIncreasePercent?: string | null;
  periodMonths?: number | null;
  reference?: 'AGREEMENT_START' | 'LAST_PUBLISH' | null;
  indexName?: string | null;
  indexSharePercent?: string | null;
  baseIndexValue?: string | null;
  baseIndexDate?: string | null;
}

const percent = (value: string) => `${formatNumber(value)} %`;

export function priceClauseText(terms: PriceClauseTerms, facts: { allowedPercent: string; agreementStart: string }, t: TFunction): string | null {
  const allowed = percent(facts.allowedPercent);
  if (terms.kind === 'MAX_INCREASE') {
    if (!terms.maxIncreasePercent || !terms.periodMonths || !terms.reference) return null;
    const from = terms.reference === 'AGREEMENT_START' ? t('priceClause.fromAgreementStart', { date: formatDate(facts.agreementStart) }) : t('priceClause.fromLastPublish');
    return t('priceClause.maxIncrease', { max: percent(terms.maxIncreasePercent), months: terms.periodMonths, from, allowed });
  }
  if (!terms.indexName || !terms.indexSharePercent || !terms.baseIndexValue || !terms.baseIndexDate) return null;
  const whole = Number(terms.indexSharePercent) === 100;
  return t('priceClause.index', {
    share: whole ? t('priceClause.wholeChange') : t('priceClause.shareOfChange', { share: percent(terms.indexSharePercent) }),
    index: terms.indexName,
    baseValue: formatNumber(terms.baseIndexValue),
    baseDate: formatDate(terms.baseIndexDate),
    allowed,
  });
}
