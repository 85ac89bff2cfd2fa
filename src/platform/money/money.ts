import Decimal from 'decimal.js';

/**
 * Decimal arithmetic for money: 50 significant digits, so sums and products of numeric(18,4)
 * prices are exact (decimal.js's default of 20 would silently round a large line amount).
 */
export const MoneyDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

/**
 * Decimals of a line or document amount: PEPPOL BIS 3 caps every monetary amount of a document
 * (line net amount, totals, VAT amounts: the BR-DEC rules, "must be rounded to maximum 2
 * decimals") at two; unit prices (cbc:PriceAmount) have no such cap and keep theirs.
 */
export const AMOUNT_DECIMALS = 2;

/** The shape of an ISO 4217 alphabetic code; which codes exist is checked where input arrives (code lists). */
const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Thrown when amounts in different currencies meet: a bug in the caller, never a user's mistake. */
export class CurrencyMismatchError extends Error {
  constructor(operation: string, left: string, right: string) {
    super(`Cannot ${operation} amounts in ${left} and ${right}: amounts in different currencies never mix`);
  }
}

/**
 * An amount of money in one currency. Immutable; arithmetic only within one currency (mixing
 * throws CurrencyMismatchError). Amounts keep every decimal until `toAmount()` rounds them the
 * PEPPOL way, so a unit price keeps its four decimals and a line amount gets two.
 */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  /** Money from a decimal text or Decimal ("149.90", "NOK"); refuses NaN, infinities and currencies that are no ISO 4217 code. */
  static of(amount: Decimal.Value, currency: string): Money {
    if (!CURRENCY_CODE.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
    if (typeof amount === 'number') throw new TypeError('Money takes a decimal string or a Decimal, never a binary float');
    const value = new MoneyDecimal(amount);
    if (!value.isFinite()) throw new RangeError(`${String(amount)} is not an amount of money`);
    return new Money(value, currency);
  }

  static zero(currency: string): Money {
    return Money.of('0', currency);
  }

  /** The sum of `amounts`, all in `currency` (zero for none). */
  static sum(currency: string, amounts: Iterable<Money>): Money {
    let total = Money.zero(currency);
    for (const m of amounts) total = total.plus(m);
    return total;
  }

  plus(other: Money): Money {
    this.sameCurrency('add', other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.sameCurrency('subtract', other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  /** Times a quantity or a rate (a plain number of things, never another amount of money). */
  times(factor: Decimal.Value): Money {
    return new Money(new MoneyDecimal(factor).times(this.amount), this.currency);
  }

  /** Divided by a quantity, e.g. a price for a base quantity of 10 → the unit price. */
  dividedBy(divisor: Decimal.Value): Money {
    const d = new MoneyDecimal(divisor);
    if (d.isZero()) throw new RangeError('Cannot divide an amount of money by zero');
    return new Money(this.amount.div(d), this.currency);
  }

  /**
   * Rounded to a line or document amount: two decimals, halves away from zero (0.005 → 0.01,
   * −0.005 → −0.01, so a credit mirrors the invoice it reverses). Round each line amount, then
   * sum the rounded lines: PEPPOL checks document totals against the sum of rounded lines.
   */
  toAmount(): Money {
    return new Money(this.amount.toDecimalPlaces(AMOUNT_DECIMALS, Decimal.ROUND_HALF_UP), this.currency);
  }

  /** -1, 0 or 1; only within one currency. */
  compare(other: Money): -1 | 0 | 1 {
    this.sameCurrency('compare', other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.gt(0);
  }

  isNegative(): boolean {
    return this.amount.lt(0);
  }

  decimalPlaces(): number {
    return this.amount.decimalPlaces();
  }

  /** The amount as plain decimal text without exponent or trailing zeros ("12.5"). */
  toDecimalString(): string {
    return this.amount.toFixed();
  }

  toString(): string {
    return `${this.amount.toFixed()} ${this.currency}`;
  }

  private sameCurrency(operation: string, other: Money) {
    if (other.currency !== this.currency) throw new CurrencyMismatchError(operation, this.currency, other.currency);
  }
}
