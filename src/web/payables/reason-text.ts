/**
 * An invoice difference in the user's language: the API's reason message is English (it is also
 * what the supplier's Invoice Response carries), so the screen names each known reason code from
 * the texts (extra.payables.reason.*) and falls back to the API's words for a code it does not
 * know yet. Both sides and the difference stay in their own columns. Pure, unit-tested.
 */
export const KNOWN_REASONS = [
  'PRICE_ABOVE_AGREED',
  'QUANTITY_ABOVE_ORDERED',
  'QUANTITY_ABOVE_RECEIVED',
  'UNIT_MISMATCH',
  'CREDIT_ABOVE_INVOICED_QUANTITY',
  'CREDIT_ABOVE_INVOICED_AMOUNT',
  'NOT_RECEIVED',
  'NO_ORDER_LINE',
  'AMBIGUOUS_ITEM',
  'NOT_ON_AGREEMENT',
  'TOTAL_ABOVE_EXPECTED',
  'CURRENCY',
  'ORDER_NOT_OPEN',
  'ORDER_NOT_CONFIRMED',
  'BUYER_REFERENCE_MISMATCH',
] as const;

type Translate = (key: string) => string;

export function reasonText(reason: { code: string; message: string }, t: Translate): string {
  return (KNOWN_REASONS as readonly string[]).includes(reason.code) ? t(`extra.payables.reason.${reason.code}`) : reason.message;
}

/** The status reason codes accounts payable may ask a supplier with (UNCL 4343 subset, InvoiceQueryReasonCode). */
export const QUERY_REASON_CODES = ['PRI', 'QTY', 'ITM', 'DEL', 'QUA', 'REF', 'REC', 'PAY', 'FIN', 'LEG', 'UNR', 'OTH'] as const;
export type QueryReasonCode = (typeof QUERY_REASON_CODES)[number];

/** What is wrong with a query before it is sent: the i18n key of each problem, by field. */
export function queryProblems(input: { text: string; note: string }): { text?: string; note?: string } {
  const problems: { text?: string; note?: string } = {};
  const text = input.text.trim();
  if (!text) problems.text = 'extra.payables.query.textMissing';
  else if (text.length > 1000) problems.text = 'extra.payables.query.textTooLong';
  if (input.note.trim().length > 1000) problems.note = 'extra.payables.query.noteTooLong';
  return problems;
}

/** What is wrong with a payment before it is sent: the i18n key of each problem, by field. */
export function paymentProblems(input: { paidOn: string; reference: string; chosen: number }, today: string): { paidOn?: string; reference?: string; chosen?: string } {
  const problems: { paidOn?: string; reference?: string; chosen?: string } = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.paidOn)) problems.paidOn = 'extra.payables.pay.dateMissing';
  else if (input.paidOn > today) problems.paidOn = 'extra.payables.pay.dateFuture';
  if (input.reference.trim().length > 200) problems.reference = 'extra.payables.pay.referenceTooLong';
  if (input.chosen === 0) problems.chosen = 'extra.payables.pay.noneChosen';
  else if (input.chosen > 500) problems.chosen = 'extra.payables.pay.tooMany';
  return problems;
}
