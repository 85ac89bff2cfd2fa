import Decimal from 'decimal.js';
import { MoneyDecimal } from '../../platform/money/money';
import type { Tolerance } from './match-types';

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

/** One tolerance pair (price or total) as decimals: percent of the base, NOK, and which of the two. */
export interface ToleranceBand {
  percent: Decimal | null;
  absoluteNok: Decimal | null;
  rule: 'TIGHTER' | 'LOOSER';
}

export interface ParsedTolerance {
  price: ToleranceBand;
  total: ToleranceBand;
  /** 1 + quantityPercent / 100. */
  quantitySlack: Decimal;
}

// Policies are shared by many lines and invoices: parse each once (a policy is never mutated).
const parsed = new WeakMap<Tolerance, ParsedTolerance>();

/** The tolerance's decimal strings as decimals; throws RangeError for one that is not a non-negative decimal. */
export function parsedTolerance(t: Tolerance): ParsedTolerance {
  let p = parsed.get(t);
  if (!p) {
    const nonNegative = (value: string, what: string) => {
      const d = dec(value, what);
      if (d.isNegative()) throw new RangeError(`${what}: "${value}" is negative`);
      return d;
    };
    const optional = (value: string | null, what: string) => (value === null ? null : nonNegative(value, what));
    p = {
      price: { percent: optional(t.pricePercent, 'price tolerance percent'), absoluteNok: optional(t.priceAbsolute, 'price tolerance amount'), rule: t.priceRule },
      total: { percent: optional(t.totalPercent, 'total tolerance percent'), absoluteNok: optional(t.totalAbsolute, 'total tolerance amount'), rule: t.totalRule },
      quantitySlack: nonNegative(t.quantityPercent, 'quantity tolerance percent').div(100).plus(1),
    };
    parsed.set(t, p);
  }
  return p;
}

/**
 * How far a value may exceed `base`, in the invoice currency: `percent` of |base| and/or
 * `absoluteNok` converted at `rate`; with both, the smaller (TIGHTER) or the larger (LOOSER);
 * with neither, zero.
 */
export function allowedExcess(base: Decimal, band: ToleranceBand, rate: Decimal): Decimal {
  const byPercent = band.percent && base.abs().times(band.percent).div(100);
  const byAbsolute = band.absoluteNok && band.absoluteNok.div(rate);
  if (byPercent === null) return byAbsolute ?? ZERO;
  if (byAbsolute === null) return byPercent;
  return band.rule === 'TIGHTER' ? Decimal.min(byPercent, byAbsolute) : Decimal.max(byPercent, byAbsolute);
}
