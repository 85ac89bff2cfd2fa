/**
 * The agreement page's two forms, checked before sending (pure, so Vitest covers them): the value
 * ceiling and the price-adjustment clause. Amounts are typed the Norwegian way ("1 250 000,50":
 * spaces, no-break spaces or points between thousands, a comma before the decimals) and sent as
 * the API's decimal string exactly ("1250000.50"), never through a float. Errors are i18n keys by
 * field, so the form shows each beside its field and in the error summary.
 */

/** "1 250 000,50", "1.250.000,50", "1250000.5" → "1250000.50" / "1250000.5"; null when not a plain non-negative decimal. */
export function parseNorwegianDecimal(typed: string): string | null {
  let s = typed.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!s) return null;
  // Points as thousands separators only in groups of three before a comma ("1.250.000,50").
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return s.replace(/^0+(?=\d)/, '');
}

/** Decimals of a decimal string ("12.50" → 2). */
const decimals = (s: string) => (s.includes('.') ? s.split('.')[1].length : 0);

export interface CeilingDraft {
  /** As typed; empty: remove the ceiling. */
  amount: string;
}

export type CeilingField = 'amount';

/** The ceiling to send (null removes it), or the problem. */
export function checkCeiling(d: CeilingDraft): { errors: Partial<Record<CeilingField, string>>; valueCeiling?: string | null } {
  if (!d.amount.trim()) return { errors: {}, valueCeiling: null };
  const value = parseNorwegianDecimal(d.amount);
  if (value === null) return { errors: { amount: 'purchasing.terms.errors.amountFormat' } };
  if (decimals(value) > 2) return { errors: { amount: 'purchasing.terms.errors.amountDecimals' } };
  if (value.split('.')[0].length > 13) return { errors: { amount: 'purchasing.terms.errors.amountTooLarge' } };
  return { errors: {}, valueCeiling: value };
}

export type ClauseKind = 'MAX_INCREASE' | 'INDEX';

export interface ClauseDraft {
  kind: ClauseKind;
  percent: string;
  periodMonths: string;
  reference: 'AGREEMENT_START' | 'LAST_PUBLISH';
  indexName: string;
  baseDate: string;
  baseValue: string;
  sharePercent: string;
}

export type ClauseField = 'percent' | 'periodMonths' | 'indexName' | 'baseDate' | 'baseValue' | 'sharePercent';

export const EMPTY_CLAUSE: ClauseDraft = { kind: 'MAX_INCREASE', percent: '', periodMonths: '12', reference: 'AGREEMENT_START', indexName: '', baseDate: '', baseValue: '', sharePercent: '100' };

/** The draft of a clause in force (to change it), or an empty one. Decimals are shown with a comma. */
export function clauseDraftOf(
  c:
    | {
        kind: ClauseKind;
        maxIncreasePercent?: string | null;
        periodMonths?: number | null;
        reference?: 'AGREEMENT_START' | 'LAST_PUBLISH' | null;
        indexName?: string | null;
        baseIndexDate?: string | null;
        baseIndexValue?: string | null;
        indexSharePercent?: string | null;
      }
    | null
    | undefined,
): ClauseDraft {
  if (!c) return EMPTY_CLAUSE;
  const comma = (v?: string | null) => (v ?? '').replace('.', ',');
  return c.kind === 'MAX_INCREASE'
    ? { ...EMPTY_CLAUSE, kind: 'MAX_INCREASE', percent: comma(c.maxIncreasePercent), periodMonths: String(c.periodMonths ?? 12), reference: c.reference ?? 'AGREEMENT_START' }
    : { ...EMPTY_CLAUSE, kind: 'INDEX', indexName: c.indexName ?? '', baseDate: c.baseIndexDate ?? '', baseValue: comma(c.baseIndexValue), sharePercent: comma(c.indexSharePercent) || '100' };
}

export interface ClauseInput {
  agreementId: number;
  maxIncrease?: { percent: string; periodMonths: number; reference: 'AGREEMENT_START' | 'LAST_PUBLISH' };
  index?: { indexName: string; baseDate: string; baseValue: string; sharePercent: string };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The SetAgreementPriceClauseInput, or the problems by field (only the chosen kind's fields count). */
export function checkClause(agreementId: number, d: ClauseDraft): { errors: Partial<Record<ClauseField, string>>; input?: ClauseInput } {
  const errors: Partial<Record<ClauseField, string>> = {};
  if (d.kind === 'MAX_INCREASE') {
    const percent = parseNorwegianDecimal(d.percent);
    if (!d.percent.trim()) errors.percent = 'purchasing.terms.errors.percentMissing';
    else if (percent === null || Number(percent) <= 0 || Number(percent) > 100) errors.percent = 'purchasing.terms.errors.percentRange';
    const months = /^\d{1,2}$/.test(d.periodMonths.trim()) ? Number(d.periodMonths.trim()) : NaN;
    if (!(months >= 1 && months <= 60)) errors.periodMonths = 'purchasing.terms.errors.periodMonths';
    if (Object.keys(errors).length) return { errors };
    return { errors, input: { agreementId, maxIncrease: { percent: percent!, periodMonths: months, reference: d.reference } } };
  }
  const baseValue = parseNorwegianDecimal(d.baseValue);
  const share = parseNorwegianDecimal(d.sharePercent);
  if (!d.indexName.trim()) errors.indexName = 'purchasing.terms.errors.indexName';
  if (!DATE.test(d.baseDate)) errors.baseDate = 'purchasing.terms.errors.baseDate';
  if (!d.baseValue.trim()) errors.baseValue = 'purchasing.terms.errors.baseValueMissing';
  else if (baseValue === null || Number(baseValue) <= 0) errors.baseValue = 'purchasing.terms.errors.baseValue';
  if (share === null || Number(share) <= 0 || Number(share) > 100) errors.sharePercent = 'purchasing.terms.errors.sharePercent';
  if (Object.keys(errors).length) return { errors };
  return { errors, input: { agreementId, index: { indexName: d.indexName.trim(), baseDate: d.baseDate, baseValue: baseValue!, sharePercent: share! } } };
}

/** The form field a server problem names (its `field` extension: "maxIncrease.percent", "index.baseValue", "valueCeiling"); null: the form as a whole. */
export function clauseFieldOf(field: unknown): ClauseField | null {
  const map: Record<string, ClauseField> = {
    'maxIncrease.percent': 'percent',
    'maxIncrease.periodMonths': 'periodMonths',
    'index.indexName': 'indexName',
    'index.baseDate': 'baseDate',
    'index.baseValue': 'baseValue',
    'index.sharePercent': 'sharePercent',
  };
  return typeof field === 'string' ? (map[field] ?? null) : null;
}
