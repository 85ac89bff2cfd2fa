import Decimal from 'decimal.js';

/** One payment of an invoice, as `markInvoicesPaid` books it. */
export interface BookedPayment {
  /** The part paid now. */
  amount: Decimal;
  /** All paid of the invoice after this payment. */
  paidAfter: Decimal;
  /** The invoice's payable amount. */
  payable: Decimal;
  paidOn: string;
  reference: string | null;
  currency: string;
}

/** What the PD answer says about a payment: the response's note, and for a part payment the PPD status reason's text. */
export interface PaymentTexts {
  note: string;
  /**
   * Present when something remains: the text of the status reason PPD (partially paid), which
   * PEPPOL-T111-R004 requires. It carries the amounts paid, payable and remaining, because the
   * specification gives them no structured place (see writeInvoiceResponse in peppol/).
   */
  partially?: string;
}

/** The words of a payment's PD answer. Pure: the amounts are exact decimals, written with 2 decimals and the currency. */
export function paymentTexts(p: BookedPayment): PaymentTexts {
  const money = (amount: Decimal) => `${amount.toFixed(2)} ${p.currency}`;
  const ref = p.reference ? `, payment reference ${p.reference}` : '';
  const rest = p.payable.minus(p.paidAfter);
  if (rest.lte(0)) return { note: `Paid ${p.paidOn}${ref}.` };
  return {
    note: `Paid ${money(p.amount)} on ${p.paidOn}${ref}.`,
    partially: `Partially paid: ${money(p.paidAfter)} of ${money(p.payable)} paid, ${money(rest)} remains to be paid.`,
  };
}
