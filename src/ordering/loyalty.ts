import { unspscCovers, unspscLevel, unspscPrefix } from '../classification/unspsc-code';
import { Money } from '../platform/money/money';
import { LineLoyalty } from './cart-line-kinds';

/** An agreement in force for the buyer, as far as loyalty needs it. */
export interface ScopedAgreement {
  id: number;
  mandatory: boolean;
  scope: readonly string[];
}

/**
 * Whether the agreement's scope reaches the category: a scope code covers the category (as an
 * upload's items are checked against scope), or the category is broader and holds a scope
 * code (so classing a need more broadly, "44000000" for a chair, does not step around a
 * mandatory agreement on "44120000").
 */
export const scopeReaches = (scope: readonly string[], code: string) => scope.some((s) => unspscCovers(s, code) || unspscCovers(code, s));

export type LoyaltyDecision<A extends ScopedAgreement> =
  | { refused: false; loyalty: LineLoyalty.NOT_COVERED | LineLoyalty.OFF_AGREEMENT; covering: A[] }
  /** A mandatory agreement covers the category and no justification was given. */
  | { refused: true; mandatory: A[] };

/**
 * Agreement loyalty of a free-text line when it is added (issue 15 §3): in the category of a
 * mandatory agreement in force it needs a justification, and is then off-agreement; in a
 * voluntary agreement's category it is off-agreement without one; elsewhere nothing covers it.
 */
export function decideLoyalty<A extends ScopedAgreement>(code: string, inForce: readonly A[], justified: boolean): LoyaltyDecision<A> {
  const covering = inForce.filter((a) => scopeReaches(a.scope, code));
  const mandatory = covering.filter((a) => a.mandatory);
  if (mandatory.length && !justified) return { refused: true, mandatory };
  return { refused: false, loyalty: covering.length ? LineLoyalty.OFF_AGREEMENT : LineLoyalty.NOT_COVERED, covering };
}

/**
 * Where to look for agreement items instead of a free-text need: the same commodity, else the
 * class, else the family (as UNSPSC prefixes, narrowest first). A code at segment level has no
 * family to fall back on: too broad to suggest anything.
 */
export function alternativePrefixes(code: string): string[] {
  const level = unspscLevel(code);
  const prefixes: string[] = [];
  if (level >= 4) prefixes.push(unspscPrefix(code));
  if (level >= 3) prefixes.push(code.slice(0, 6));
  if (level >= 2) prefixes.push(code.slice(0, 4));
  return prefixes;
}

/**
 * What switching to an item at `price` saves against the requested unit price, per unit and for
 * the line's quantity (rounded like a line amount); null where currencies differ. Negative when
 * the item costs more than the estimate.
 */
export function saving(requested: Money, price: Money, quantity: string): { perUnit: Money; forLine: Money } | null {
  if (requested.currency !== price.currency) return null;
  return { perUnit: requested.minus(price), forLine: requested.times(quantity).toAmount().minus(price.times(quantity).toAmount()) };
}
