import Decimal from 'decimal.js';
import type { UblInvoice, UblText } from '../peppol';
import { MoneyDecimal } from '../platform/money/money';
import { amountFields } from './invoice-checks-amounts';
import { isXsdDecimal } from '../platform/money/decimal-text';
import { InvoiceProblem, problem } from './invoice-checks-support';

/**
 * What Torg can hold of a received invoice's numbers, in one place (issue 16 §1). xsd:decimal has
 * no limit and PEPPOL caps only amounts' decimals (BR-DEC), so a document can say what no column
 * holds: refused here, before anything is stored, with the path, the value and the limit — never
 * PostgreSQL's "numeric field overflow" as a 500.
 *
 * - Amounts: invoice, line and VAT amounts are stored as numeric(18,2): below 10^16. Their two
 *   decimals are the BR-DEC rules' (invoice-checks-amounts).
 * - Quantities, base quantities and unit prices are stored exactly as sent (invoice_line's
 *   columns are unconstrained numeric, migration 203): below 10^14 — the magnitude order lines
 *   hold (numeric(18,4)), far beyond any real quantity or price — and at most 10 decimals (as
 *   valued: trailing zeros do not count). The cap keeps every product the checks and the matcher
 *   form (quantity × price, 24 + 24 digits) exact in MoneyDecimal's 50 significant digits, and
 *   refuses nonsense such as a price with a hundred decimals.
 * - VAT rates (cbc:Percent) are stored as numeric(5,2): 0 to 100 percent, at most two decimals.
 */
export const NUMBER_LIMITS = {
  amount: { below: new MoneyDecimal('1e16'), belowText: '10000000000000000 (10^16)' },
  quantity: { below: new MoneyDecimal('1e14'), belowText: '100000000000000 (10^14)', decimals: 10 },
  vatRate: { min: new MoneyDecimal(0), max: new MoneyDecimal(100), decimals: 2 },
} as const;

export const NUMBER_LIMIT_RULE = 'TORG-NUMBER-LIMIT';

type Kind = 'amount' | 'price' | 'quantity' | 'base quantity';
const PLURAL: Record<Kind, string> = { amount: 'amounts', price: 'prices', quantity: 'quantities', 'base quantity': 'base quantities' };

/** Amounts and unit prices as the amount check reads them (a price is the field no BR-DEC rule caps), then quantities. */
function limitedFields(invoice: UblInvoice): { text: UblText | undefined; kind: Kind }[] {
  return [
    ...amountFields(invoice).map(({ amount, decimalsRule }) => ({ text: amount, kind: decimalsRule ? ('amount' as const) : ('price' as const) })),
    ...invoice.lines.flatMap((l) => [
      { text: l.quantity, kind: 'quantity' as const },
      { text: l.baseQuantity, kind: 'base quantity' as const },
    ]),
  ];
}

const vatRates = (invoice: UblInvoice): (UblText | undefined)[] => [
  ...invoice.allowanceCharges.map((a) => a.taxCategory?.percent),
  ...invoice.taxTotals.flatMap((t) => t.subtotals.map((s) => s.category?.percent)),
  ...invoice.lines.map((l) => l.item.taxCategory?.percent),
];

/** Every number beyond what Torg holds. Text that is no decimal is the format check's to report (invoice-checks-amounts). */
export function checkNumberLimits(invoice: UblInvoice): InvoiceProblem[] {
  const problems: InvoiceProblem[] = [];
  for (const { text, kind } of limitedFields(invoice)) {
    const value = decimalOf(text);
    if (!text || !value) continue;
    const limit = kind === 'amount' ? NUMBER_LIMITS.amount : NUMBER_LIMITS.quantity;
    const written = text.value.trim();
    if (value.abs().gte(limit.below)) problems.push(problem(text, NUMBER_LIMIT_RULE, `The ${kind} ${written} is beyond what Torg holds: ${PLURAL[kind]} must be below ${limit.belowText} in size`));
    else if (kind !== 'amount' && value.decimalPlaces() > NUMBER_LIMITS.quantity.decimals)
      problems.push(problem(text, NUMBER_LIMIT_RULE, `The ${kind} ${written} has ${value.decimalPlaces()} decimals; Torg keeps at most ${NUMBER_LIMITS.quantity.decimals}`));
  }
  const { min, max, decimals } = NUMBER_LIMITS.vatRate;
  for (const text of vatRates(invoice)) {
    const value = decimalOf(text);
    if (!text || !value) continue;
    if (value.lt(min) || value.gt(max)) problems.push(problem(text, NUMBER_LIMIT_RULE, `The VAT rate ${text.value.trim()} is outside ${min.toFixed()}–${max.toFixed()} percent`));
    else if (value.decimalPlaces() > decimals)
      problems.push(problem(text, NUMBER_LIMIT_RULE, `The VAT rate ${text.value.trim()} has ${value.decimalPlaces()} decimals; Torg keeps at most ${decimals}`));
  }
  return problems;
}

const decimalOf = (text: UblText | undefined): Decimal | undefined => (text && isXsdDecimal(text.value.trim()) ? new MoneyDecimal(text.value.trim()) : undefined);
