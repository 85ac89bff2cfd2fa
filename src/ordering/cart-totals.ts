import { Money, MoneyDecimal } from '../platform/money/money';

/** What the arithmetic needs of a line: quantity, unit price excluding VAT, its currency and VAT rate (decimal text). */
export interface PricedLine {
  quantity: string;
  unitPrice: string;
  currency: string;
  vatRate: string;
}

/** VAT of one rate: the taxable amount (the rounded line amounts at that rate) and the VAT on it. */
export interface VatSubtotal {
  rate: string;
  taxableAmount: Money;
  vatAmount: Money;
}

/** The totals of some lines in one currency, computed the way PEPPOL BIS 3 checks them. */
export interface Totals {
  currency: string;
  /** Sum of the rounded line amounts (BT-106). */
  lineExtensionAmount: Money;
  /** Sum of the VAT per rate (BT-110). */
  vatAmount: Money;
  /** Excluding VAT plus VAT (BT-112). */
  taxInclusiveAmount: Money;
  /** One entry per VAT rate, highest rate first. */
  vatBreakdown: VatSubtotal[];
}

/** Quantity × unit price, rounded to two decimals (halves away from zero). */
export function lineAmount(line: PricedLine): Money {
  return Money.of(line.unitPrice, line.currency).times(line.quantity).toAmount();
}

/** The VAT of the line alone, rounded: shown per line; document totals take VAT per rate instead (see `totals`). */
export function lineVat(line: PricedLine): Money {
  return vatOn(lineAmount(line), line.vatRate);
}

const vatOn = (taxable: Money, rate: string) => taxable.times(rate).dividedBy(100).toAmount();

/** "25.00" and "25" are the same rate. */
const rateKey = (rate: string) => new MoneyDecimal(rate).toFixed();

/**
 * Totals per currency (a cart may hold catalogues in several), alphabetically. As PEPPOL BIS 3
 * requires: every line amount is rounded first; the taxable amount of a rate is the sum of its
 * rounded lines; the VAT of a rate is that sum × rate, rounded once (BR-CO-17), so it may differ
 * by a few øre from the sum of the per-line VAT; the totals are sums of rounded amounts.
 */
export function totals(lines: readonly PricedLine[]): Totals[] {
  const byCurrency = new Map<string, Map<string, Money>>();
  for (const line of lines) {
    const rates = byCurrency.get(line.currency) ?? new Map<string, Money>();
    byCurrency.set(line.currency, rates);
    const key = rateKey(line.vatRate);
    rates.set(key, (rates.get(key) ?? Money.zero(line.currency)).plus(lineAmount(line)));
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, rates]) => {
      const vatBreakdown = [...rates.entries()].sort(([a], [b]) => new MoneyDecimal(b).comparedTo(a)).map(([rate, taxableAmount]) => ({ rate, taxableAmount, vatAmount: vatOn(taxableAmount, rate) }));
      const lineExtensionAmount = Money.sum(
        currency,
        vatBreakdown.map((v) => v.taxableAmount),
      );
      const vatAmount = Money.sum(
        currency,
        vatBreakdown.map((v) => v.vatAmount),
      );
      return { currency, lineExtensionAmount, vatAmount, taxInclusiveAmount: lineExtensionAmount.plus(vatAmount), vatBreakdown };
    });
}
