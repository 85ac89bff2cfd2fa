import type { UblAmount, UblInvoice, UblText } from '../peppol';
import { isXsdDecimal } from '../platform/money/decimal-text';
import { InvoiceProblem, problem } from './invoice-checks-support';

/**
 * Every amount, quantity and rate as written: a decimal number; amounts in the document currency
 * (PEPPOL-EN16931-R051) with at most two decimals (the BR-DEC rules). Arithmetic is checked
 * elsewhere, on the values that pass here.
 */

export interface AmountField {
  amount: UblAmount | undefined;
  /** The BR-DEC rule capping its decimals at two; unit prices (net, gross and their discount in cac:Price) have none. */
  decimalsRule?: string;
  /** The VAT total in the tax currency (BT-111) is the one amount in another currency. */
  currency: 'document' | 'tax';
}

/** Every amount of the document, the unit prices with them (also read by invoice-number-limits). */
export function amountFields(invoice: UblInvoice): AmountField[] {
  const fields: AmountField[] = [];
  const add = (amount: UblAmount | undefined, decimalsRule?: string, currency: AmountField['currency'] = 'document') => {
    if (amount) fields.push({ amount, decimalsRule, currency });
  };
  for (const a of invoice.allowanceCharges) {
    const charge = a.chargeIndicator?.value === 'true';
    add(a.amount, charge ? 'BR-DEC-05' : 'BR-DEC-01');
    add(a.baseAmount, charge ? 'BR-DEC-06' : 'BR-DEC-02');
  }
  for (const total of invoice.taxTotals) {
    const inTaxCurrency = !!invoice.taxCurrency && total.subtotals.length === 0 && total.taxAmount?.currency?.value !== invoice.currency?.value;
    add(total.taxAmount, inTaxCurrency ? 'BR-DEC-15' : 'BR-DEC-13', inTaxCurrency ? 'tax' : 'document');
    for (const s of total.subtotals) {
      add(s.taxableAmount, 'BR-DEC-19');
      add(s.taxAmount, 'BR-DEC-20');
    }
  }
  const t = invoice.totals;
  add(t?.lineExtensionAmount, 'BR-DEC-09');
  add(t?.allowanceTotalAmount, 'BR-DEC-10');
  add(t?.chargeTotalAmount, 'BR-DEC-11');
  add(t?.taxExclusiveAmount, 'BR-DEC-12');
  add(t?.taxInclusiveAmount, 'BR-DEC-14');
  add(t?.prepaidAmount, 'BR-DEC-16');
  add(t?.payableRoundingAmount, 'BR-DEC-17');
  add(t?.payableAmount, 'BR-DEC-18');
  for (const line of invoice.lines) {
    add(line.lineExtensionAmount, 'BR-DEC-23');
    for (const a of line.allowanceCharges) {
      const charge = a.chargeIndicator?.value === 'true';
      add(a.amount, charge ? 'BR-DEC-27' : 'BR-DEC-24');
      add(a.baseAmount, charge ? 'BR-DEC-28' : 'BR-DEC-25');
    }
    add(line.priceAmount);
    add(line.priceAllowance?.amount);
    add(line.priceAllowance?.baseAmount);
  }
  return fields;
}

/** The other numbers: quantities, base quantities, rates and multipliers. */
function numberFields(invoice: UblInvoice): UblText[] {
  const categories = [...invoice.allowanceCharges.map((a) => a.taxCategory), ...invoice.taxTotals.flatMap((t) => t.subtotals.map((s) => s.category)), ...invoice.lines.map((l) => l.item.taxCategory)];
  const texts = [
    ...categories.map((c) => c?.percent),
    ...invoice.allowanceCharges.map((a) => a.multiplierFactor),
    ...invoice.lines.flatMap((l) => [l.quantity, l.baseQuantity, ...l.allowanceCharges.map((a) => a.multiplierFactor)]),
  ];
  return texts.filter((t): t is UblText => !!t);
}

/** Digits after the point as written: the BR-DEC rules count "1.230" as three. */
const decimalPlaces = (text: string) => (text.split('.')[1] ?? '').length;

export function checkAmounts(invoice: UblInvoice): InvoiceProblem[] {
  const problems: InvoiceProblem[] = [];
  const documentCurrency = invoice.currency?.value;
  for (const { amount, decimalsRule, currency } of amountFields(invoice)) {
    if (!amount) continue;
    if (!isXsdDecimal(amount.value)) {
      problems.push(problem(amount, undefined, `"${amount.value}" is not a decimal number`));
      continue;
    }
    if (decimalsRule && decimalPlaces(amount.value) > 2) {
      problems.push(problem(amount, decimalsRule, `The amount ${amount.value} has ${decimalPlaces(amount.value)} decimals; at most 2 are allowed`));
    }
    if (currency === 'document' && documentCurrency) {
      const found = amount.currency?.value;
      if (found !== documentCurrency) {
        problems.push(
          problem(
            amount.currency ?? amount,
            'PEPPOL-EN16931-R051',
            found
              ? `The amount is in ${found}; every amount must be in the invoice currency ${documentCurrency}`
              : `The amount has no currencyID; it must be ${documentCurrency}, the invoice currency`,
          ),
        );
      }
    }
  }
  for (const text of numberFields(invoice)) {
    if (!isXsdDecimal(text.value)) problems.push(problem(text, undefined, `"${text.value}" is not a decimal number`));
  }
  return problems;
}
