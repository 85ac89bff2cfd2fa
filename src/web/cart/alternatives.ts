/**
 * The agreement items offered for an off-agreement line, split into the ones that are cheaper and
 * the others. The API offers agreement items in the line's category cheapest first, whether they
 * cost less or not (buying on agreement is the point, and a mandatory agreement offers them
 * anyway); only an item in the same unit whose saving for the line is above zero may be called
 * cheaper — a price per pack is not cheaper than one per piece. Pure, unit-tested.
 */
export interface Alternative {
  unitCode: string;
  currency: string;
  /** What switching saves for the line's quantity (decimal text; negative when it costs more; null across currencies). */
  savingForLine?: string | null;
}

/** A decimal string above zero ("12.50" yes; "0.00", "-3.10", null no), without floating point. */
export function isPositiveAmount(amount: string | null | undefined): boolean {
  return !!amount && !amount.trim().startsWith('-') && /[1-9]/.test(amount);
}

export function splitAlternatives<A extends Alternative>(line: { unitCode: string; currency: string }, alternatives: readonly A[]): { cheaper: A[]; others: A[] } {
  const cheaper: A[] = [];
  const others: A[] = [];
  for (const a of alternatives) {
    if (a.unitCode === line.unitCode && a.currency === line.currency && isPositiveAmount(a.savingForLine)) cheaper.push(a);
    else others.push(a);
  }
  return { cheaper, others };
}
