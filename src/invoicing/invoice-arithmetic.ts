import { Money, MoneyDecimal } from '../platform/money/money';

/**
 * The amounts of an invoice computed the way EN 16931 (and so PEPPOL BIS Billing 3.0) checks
 * them: each line amount is quantity × unit price rounded to two decimals; the sum of lines is
 * the sum of the rounded lines (BR-CO-10); document allowances and charges move the taxable
 * amount of their own VAT category (BR-CO-13, BR-S-08); the VAT of a category is its taxable
 * amount × rate rounded once (BR-CO-17), not the sum of per-line VAT; totals are sums of the
 * rounded amounts (BR-CO-14, BR-CO-15, BR-CO-16).
 */

/** UNCL 5305: S standard rated, Z zero rated (Norwegian 0 % goods such as books and newspapers). */
export type VatCategoryId = 'S' | 'Z';

export interface VatCategory {
  id: VatCategoryId;
  /** The rate as plain decimal text ("25", "0"). */
  percent: string;
}

/** The category a Norwegian VAT rate is invoiced under: a positive rate is S, 0 % is Z. */
export function vatCategoryOf(rate: string): VatCategory {
  const percent = new MoneyDecimal(rate).toFixed();
  return { id: new MoneyDecimal(percent).isZero() ? 'Z' : 'S', percent };
}

export interface PricedInvoiceLine {
  /** Decimal text; the price is per one unit (base quantity 1). */
  quantity: string;
  unitPrice: string;
  vatRate: string;
}

export interface DocumentAllowanceCharge {
  chargeIndicator: boolean;
  /** Decimal text, positive, at most two decimals. */
  amount: string;
  vatRate: string;
}

export interface VatSubtotal {
  category: VatCategory;
  taxableAmount: Money;
  taxAmount: Money;
}

export interface InvoiceAmounts {
  /** One per line, in the lines' order. */
  lineAmounts: Money[];
  lineExtensionAmount: Money;
  allowanceTotalAmount: Money;
  chargeTotalAmount: Money;
  taxExclusiveAmount: Money;
  /** Highest rate first; Z (0 %) last. */
  vatSubtotals: VatSubtotal[];
  taxAmount: Money;
  taxInclusiveAmount: Money;
  /** Tax inclusive: nothing prepaid, no rounding. */
  payableAmount: Money;
}

/** The amounts of lines and document allowances/charges in one currency. */
export function invoiceAmounts(currency: string, lines: readonly PricedInvoiceLine[], allowanceCharges: readonly DocumentAllowanceCharge[] = []): InvoiceAmounts {
  const zero = Money.zero(currency);
  const taxable = new Map<string, Money>();
  const add = (rate: string, amount: Money) => {
    const key = vatCategoryOf(rate).percent;
    taxable.set(key, (taxable.get(key) ?? zero).plus(amount));
  };
  const lineAmounts = lines.map((l) => Money.of(l.unitPrice, currency).times(l.quantity).toAmount());
  lines.forEach((l, i) => add(l.vatRate, lineAmounts[i]));
  let allowanceTotalAmount = zero;
  let chargeTotalAmount = zero;
  for (const ac of allowanceCharges) {
    const amount = Money.of(ac.amount, currency);
    if (ac.chargeIndicator) chargeTotalAmount = chargeTotalAmount.plus(amount);
    else allowanceTotalAmount = allowanceTotalAmount.plus(amount);
    add(ac.vatRate, ac.chargeIndicator ? amount : zero.minus(amount));
  }
  const vatSubtotals = [...taxable.entries()]
    .sort(([a], [b]) => new MoneyDecimal(b).comparedTo(a))
    .map(([rate, taxableAmount]) => ({ category: vatCategoryOf(rate), taxableAmount, taxAmount: taxableAmount.times(rate).dividedBy(100).toAmount() }));
  const lineExtensionAmount = Money.sum(currency, lineAmounts);
  const taxExclusiveAmount = lineExtensionAmount.minus(allowanceTotalAmount).plus(chargeTotalAmount);
  const taxAmount = Money.sum(
    currency,
    vatSubtotals.map((v) => v.taxAmount),
  );
  const taxInclusiveAmount = taxExclusiveAmount.plus(taxAmount);
  return { lineAmounts, lineExtensionAmount, allowanceTotalAmount, chargeTotalAmount, taxExclusiveAmount, vatSubtotals, taxAmount, taxInclusiveAmount, payableAmount: taxInclusiveAmount };
}
