import Decimal from 'decimal.js';
import { MoneyDecimal } from '../../platform/money/money';

/** A decimal from a decimal string of the input; throws on anything that is not a finite number (a caller's bug). */
export function dec(value: string, what: string): Decimal {
  let d: Decimal;
  try {
    d = new MoneyDecimal(value);
  } catch {
    throw new RangeError(`${what}: "${value}" is not a decimal number`);
  }
  if (!d.isFinite()) throw new RangeError(`${what}: "${value}" is not a finite decimal number`);
  return d;
}

export const ZERO = new MoneyDecimal(0);

/** Two decimals, halves away from zero: NOK differences and line amounts. */
export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** An amount in the invoice currency as NOK, 2 dp. */
export function toNok(amount: Decimal, rate: Decimal): Decimal {
  return round2(amount.times(rate));
}

/** Plain decimal text without exponent. "-0" is printed "0". */
export function text(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Two decimals always: amounts. */
export function amountText(value: Decimal): string {
  return (value.isZero() ? ZERO : value).toFixed(2);
}

/**
 * How far a value may exceed `base`, in the invoice currency: `percent` of |base| and/or
 * `absoluteNok` converted at `rate`; with both, the smaller (TIGHTER) or the larger (LOOSER);
 * with neither, zero.
 */
export function allowedExcess(base: Decimal, percent: string | null, absoluteNok: string | null, rule: 'TIGHTER' | 'LOOSER', rate: Decimal): Decimal {
  const byPercent = percent === null ? null : base.abs().times(dec(percent, 'tolerance percent')).div(100);
  const byAbsolute = absoluteNok === null ? null : dec(absoluteNok, 'tolerance amount').div(rate);
  if (byPercent === null) return byAbsolute ?? ZERO;
  if (byAbsolute === null) return byPercent;
  return rule === 'TIGHTER' ? Decimal.min(byPercent, byAbsolute) : Decimal.max(byPercent, byAbsolute);
}
