import Decimal from 'decimal.js';
import type { UblInvoice, UblLocated, UblText } from '../peppol';
import { formatDecimal, isXsdDecimal } from '../platform/money/decimal-text';
import { AMOUNT_DECIMALS, MoneyDecimal } from '../platform/money/money';

/**
 * What every invoice check shares: the problem it reports, decimals read from located text, and
 * how amounts are written in messages.
 */

/** An error refuses the invoice; a warning is kept with it and shown to accounts payable. */
export type InvoiceProblemSeverity = 'error' | 'warning';

/**
 * One reason about a received invoice: where (an XPath-like path and the XML line), which rule
 * (the EN 16931 / PEPPOL id where one exists, TORG-… for Torg's own), and why, with the value
 * expected and the value found. Structurally the exchange's `Problem`, plus its severity.
 */
export interface InvoiceProblem {
  path?: string;
  line?: number;
  rule?: string;
  message: string;
  severity: InvoiceProblemSeverity;
}

export function problem(at: UblLocated | string | undefined, rule: string | undefined, message: string, severity: InvoiceProblemSeverity = 'error'): InvoiceProblem {
  const where = typeof at === 'string' ? { path: at } : at ? { path: at.path, line: at.line } : {};
  return { ...where, ...(rule ? { rule } : {}), message, severity };
}

/** The value as a decimal; undefined when absent or not a decimal (the format check reports that once). */
export function num(text: UblText | undefined): Decimal | undefined {
  return text && isXsdDecimal(text.value) ? new MoneyDecimal(text.value) : undefined;
}

/** Absent counts as zero, as EN 16931 sums absent totals; undefined only for text that is no decimal. */
export function numOrZero(text: UblText | undefined): Decimal | undefined {
  return text ? num(text) : new MoneyDecimal(0);
}

export const ZERO = new MoneyDecimal(0);

export const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), ZERO);

/** Rounded to a document amount: two decimals, halves away from zero (as `Money.toAmount`). */
export const round2 = (d: Decimal) => d.toDecimalPlaces(AMOUNT_DECIMALS, Decimal.ROUND_HALF_UP);

/** An amount in a message: "1460.50", "-3.96". */
export const money = (d: Decimal) => formatDecimal(d);

/** A quantity or rate in a message, as few decimals as it needs: "250", "0.75", "11.11". */
export const plain = (d: Decimal) => d.toFixed();

/** Where an absent element would be: `/Invoice/cbc:ID`, `/CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount`. */
export const pathIn = (invoice: UblInvoice, ...names: string[]) => ['', invoice.kind, ...names].join('/');

/** The invoice's lines are InvoiceLines or CreditNoteLines, and its quantities Invoiced or Credited. */
export const lineName = (invoice: UblInvoice) => (invoice.kind === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine');
export const quantityName = (invoice: UblInvoice) => (invoice.kind === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity');
