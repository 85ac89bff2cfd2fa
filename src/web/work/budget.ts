import Decimal from 'decimal.js';

export interface BudgetLine {
  year: number;
  amount: string;
  committed: string;
  remaining: string;
  currency: string;
}

/**
 * A requisition against its cost centre's budget for the order's year: what remains now, what
 * would remain after approval (an approval commits the amount excluding VAT, as the ledger does),
 * and whether it goes over. No budget for the year means no control (null).
 */
export function budgetFor(budgets: readonly BudgetLine[], year: number, amount: string): { remaining: string; after: string; over: boolean; currency: string } | null {
  const budget = budgets.find((b) => b.year === year);
  if (!budget) return null;
  const after = new Decimal(budget.remaining).minus(amount);
  return { remaining: budget.remaining, after: after.toFixed(2), over: after.isNegative(), currency: budget.currency };
}
