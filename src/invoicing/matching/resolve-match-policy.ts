import type { MatchMode, MatchPolicy, MatchRule, Tolerance } from './match-types';

/**
 * The tolerance a buyer organisation starts with.
 * - Unit price: 2 % or 5 NOK, the TIGHTER of the two. Torg's agreed prices are contract prices,
 *   so an honest invoice differs only by rounding (a 2-decimal invoice price against a 4-decimal
 *   agreed one: at most 0.005, within 2 % of any price from 0.25 NOK); 2 % covers that on cheap
 *   items, and 5 NOK caps what an expensive item may drift per unit. LOOSER would let a 10 NOK
 *   item be invoiced at 15.
 * - Quantity: 0 %: what was not ordered (or received) is not paid without a person's approval.
 * - Total: 1 % or 100 NOK, the TIGHTER: room for the rounding of many lines, not for a charge
 *   (freight, fees) that was never agreed.
 */
export const DEFAULT_TOLERANCE: Readonly<Tolerance> = Object.freeze<Tolerance>({
  pricePercent: '2',
  priceAbsolute: '5',
  priceRule: 'TIGHTER',
  quantityPercent: '0',
  totalPercent: '1',
  totalAbsolute: '100',
  totalRule: 'TIGHTER',
});

const UNSPSC_PREFIX = /^(\d{2}){1,4}$/;

/**
 * The policy for one line (or, with `unspscCode: ''`, for a supplier's invoice as a whole): the
 * organisation's default overlaid by every rule whose scope fits, least specific first, so the
 * most specific rule that sets a field wins that field. Specificity, most specific first:
 * supplier + category (longer prefix first) > category (longer prefix first) > supplier >
 * a rule with an empty scope > the organisation default. A rule fits when its supplier (if any)
 * is the line's and the line's UNSPSC code starts with its prefix (if any).
 * Ties (two fitting rules of equal specificity setting the same field): the one listed first wins.
 * Throws RangeError for a prefix that is not 2, 4, 6 or 8 digits: rules are validated where they
 * are stored, so one arriving here is a bug.
 */
export function resolveMatchPolicy(orgDefault: MatchPolicy, rules: readonly MatchRule[], line: { supplierId: number; unspscCode: string }): MatchPolicy {
  const fitting = rules
    .map((rule, position) => ({ rule, position, rank: specificity(rule) }))
    .filter(({ rule }) => fits(rule, line))
    // Least specific first; among equals the one listed first last, so it is applied last and wins.
    .sort((a, b) => compareRank(a.rank, b.rank) || b.position - a.position);
  let mode: MatchMode = orgDefault.mode;
  const tolerance: Tolerance = { ...orgDefault.tolerance };
  for (const { rule } of fitting) {
    if (rule.mode) mode = rule.mode;
    for (const [field, value] of Object.entries(rule.tolerance ?? {}) as [keyof Tolerance, Tolerance[keyof Tolerance] | undefined][]) {
      if (value !== undefined) (tolerance as unknown as Record<string, unknown>)[field] = value;
    }
  }
  return { mode, tolerance };
}

function fits(rule: MatchRule, line: { supplierId: number; unspscCode: string }): boolean {
  const { supplierId, unspscPrefix } = rule.scope;
  if (unspscPrefix !== undefined && !UNSPSC_PREFIX.test(unspscPrefix)) throw new RangeError(`UNSPSC prefix "${unspscPrefix}" is not 2, 4, 6 or 8 digits`);
  if (supplierId !== undefined && supplierId !== line.supplierId) return false;
  return unspscPrefix === undefined || line.unspscCode.startsWith(unspscPrefix);
}

/** [supplier and category both, prefix length, supplier]: compared left to right. */
function specificity(rule: MatchRule): [number, number, number] {
  const hasSupplier = rule.scope.supplierId !== undefined;
  const prefixLength = rule.scope.unspscPrefix?.length ?? 0;
  return [hasSupplier && prefixLength > 0 ? 1 : 0, prefixLength, hasSupplier ? 1 : 0];
}

function compareRank(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
