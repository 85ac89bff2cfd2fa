/** The catalogue review's decisions, as pure rules the screen and its tests share. */

/** A reason the API accepts and a supplier can act on: at least 3 characters once trimmed. */
export const MIN_REASON = 3;

export function reasonProblem(reason: string): boolean {
  return reason.trim().length < MIN_REASON;
}

/** Publishing needs an explicit override with a reason when prices rise beyond the agreement's clause. */
export function needsOverride(review: { priceClause?: { flaggedCount: number } | null }): boolean {
  return (review.priceClause?.flaggedCount ?? 0) > 0;
}

/** A change's price movement in percent, signed and with one decimal ("+20,0 %"), or '' when the price did not change. */
export function priceChangeText(percent: number | null | undefined): string {
  if (percent == null || percent === 0) return '';
  const text = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'always' }).format(percent);
  return `${text} %`;
}

/** How much of the ceiling is committed, in percent with one decimal (null without a ceiling). */
export function ceilingUsedPercent(ceiling: string | null | undefined, committed: string): number | null {
  if (ceiling == null) return null;
  const c = Number(ceiling);
  if (!(c > 0)) return null;
  return Math.round((Number(committed) / c) * 1000) / 10;
}
