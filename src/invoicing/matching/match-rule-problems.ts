import type { MatchRule, Tolerance } from './match-types';

const NON_NEGATIVE_DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;
const UNSPSC_PREFIX = /^(\d{2}){1,4}$/;
const RULES = ['TIGHTER', 'LOOSER'];
const NULLABLE: (keyof Tolerance)[] = ['pricePercent', 'priceAbsolute', 'totalPercent', 'totalAbsolute'];

/**
 * What is wrong with a tolerance (or the part of one a rule sets), as sentences for a precise
 * 4xx where policies are stored; none when it is fine. Decimals are plain text, non-negative,
 * at most 4 decimals; quantityPercent may not be null (0 means none).
 */
export function toleranceProblems(t: Partial<Tolerance>): string[] {
  const problems: string[] = [];
  for (const field of NULLABLE) {
    const value = t[field];
    if (value !== undefined && value !== null && !NON_NEGATIVE_DECIMAL.test(value)) problems.push(`${field} must be a non-negative decimal with at most 4 decimals, or null (not used)`);
  }
  if (t.quantityPercent !== undefined && (typeof t.quantityPercent !== 'string' || !NON_NEGATIVE_DECIMAL.test(t.quantityPercent)))
    problems.push('quantityPercent must be a non-negative decimal with at most 4 decimals ("0": none)');
  for (const field of ['priceRule', 'totalRule'] as const) {
    if (t[field] !== undefined && !RULES.includes(t[field])) problems.push(`${field} must be TIGHTER or LOOSER`);
  }
  return problems;
}

/** What is wrong with a rule, as sentences; none when it may be stored. */
export function matchRuleProblems(rule: MatchRule): string[] {
  const problems: string[] = [];
  const { supplierId, unspscPrefix } = rule.scope;
  if (supplierId !== undefined && !(Number.isSafeInteger(supplierId) && supplierId > 0)) problems.push('scope.supplierId must be a positive whole number');
  if (unspscPrefix !== undefined && !UNSPSC_PREFIX.test(unspscPrefix)) problems.push('scope.unspscPrefix must be 2, 4, 6 or 8 digits (segment, family, class or commodity)');
  if (rule.mode !== undefined && rule.mode !== 'TWO_WAY' && rule.mode !== 'THREE_WAY') problems.push('mode must be TWO_WAY or THREE_WAY');
  if (rule.mode === undefined && Object.values(rule.tolerance ?? {}).every((v) => v === undefined)) problems.push('the rule sets neither a mode nor a tolerance');
  return problems.concat(toleranceProblems(rule.tolerance ?? {}));
}
