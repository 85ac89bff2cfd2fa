import type { LineMatchStatus, MatchReason, MatchReasonCode } from './match-types';

/**
 * Line statuses, most severe first. A line with no order line (or off the agreement) cannot be
 * checked further; a quantity problem outranks a price problem (a wrong quantity makes the price
 * question moot: the unit may be wrong); NOT_RECEIVED ranks lowest of the exceptions because it
 * resolves itself when goods arrive, so a line shown NOT_RECEIVED has no other problem and the
 * invoice may wait for the receipt instead of a person.
 */
export const LINE_STATUS_SEVERITY: readonly LineMatchStatus[] = ['NO_ORDER_LINE', 'NOT_ON_AGREEMENT', 'QUANTITY_VARIANCE', 'PRICE_VARIANCE', 'NOT_RECEIVED', 'MATCHED'];

/** The line status each reason gives; TOTAL_ABOVE_EXPECTED belongs to the invoice, not a line. */
export const REASON_STATUS: Readonly<Record<MatchReasonCode, LineMatchStatus | null>> = {
  PRICE_ABOVE_AGREED: 'PRICE_VARIANCE',
  CREDIT_ABOVE_INVOICED_AMOUNT: 'PRICE_VARIANCE',
  QUANTITY_ABOVE_ORDERED: 'QUANTITY_VARIANCE',
  QUANTITY_ABOVE_RECEIVED: 'QUANTITY_VARIANCE',
  UNIT_MISMATCH: 'QUANTITY_VARIANCE',
  CREDIT_ABOVE_INVOICED_QUANTITY: 'QUANTITY_VARIANCE',
  NOT_RECEIVED: 'NOT_RECEIVED',
  NO_ORDER_LINE: 'NO_ORDER_LINE',
  AMBIGUOUS_ITEM: 'NO_ORDER_LINE',
  NOT_ON_AGREEMENT: 'NOT_ON_AGREEMENT',
  TOTAL_ABOVE_EXPECTED: null,
};

/** The most severe status among a line's reasons, MATCHED for none. */
export function lineStatus(reasons: readonly MatchReason[]): LineMatchStatus {
  let worst = LINE_STATUS_SEVERITY.length - 1;
  for (const { code } of reasons) {
    const status = REASON_STATUS[code];
    if (status !== null) worst = Math.min(worst, LINE_STATUS_SEVERITY.indexOf(status));
  }
  return LINE_STATUS_SEVERITY[worst];
}
