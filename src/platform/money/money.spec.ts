import Decimal from 'decimal.js';
import fc from 'fast-check';
import { CurrencyMismatchError, Money } from './money';

const nok = (amount: string) => Money.of(amount, 'NOK');

/** Decimal texts with up to 14 digits before and 6 after the point, either sign. */
const amountText = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed());
const currency = fc.constantFrom('NOK', 'EUR', 'SEK', 'DKK', 'USD');

/** a + b worked out in integers of a millionth, as a check that owes nothing to decimal.js. */
function exactSum(a: string, b: string): string {
  const millionths = (t: string) => {
    const [whole, fraction = ''] = t.split('.');
    const sign = whole.startsWith('-') ? -1n : 1n;
    return sign * (BigInt(whole.replace('-', '')) * 1_000_000n + BigInt(fraction.padEnd(6, '0')));
  };
  const sum = millionths(a) + millionths(b);
  const abs = sum < 0n ? -sum : sum;
  return `${sum < 0n ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}

describe('Money', () => {
  it('adds, subtracts and multiplies exactly, beyond decimal.js’s default 20 digits', () => {
    expect(nok('0.1').plus(nok('0.2')).toDecimalString()).toBe('0.3');
    expect(nok('100.00').minus(nok('0.01')).toDecimalString()).toBe('99.99');
    expect(nok('12345678901234.5678').times('123456.789').toDecimalString()).toBe('1524157875171467876.3907942');
    expect(Money.sum('NOK', [nok('1.10'), nok('2.20'), nok('3.30')]).equals(nok('6.6'))).toBe(true);
    expect(Money.sum('EUR', []).toString()).toBe('0 EUR');
  });

  it('refuses to mix currencies, saying which', () => {
    const eur = Money.of('5', 'EUR');
    expect(() => nok('10').plus(eur)).toThrow(CurrencyMismatchError);
    expect(() => nok('10').plus(eur)).toThrow('Cannot add amounts in NOK and EUR: amounts in different currencies never mix');
    expect(() => nok('10').minus(eur)).toThrow('Cannot subtract amounts in NOK and EUR');
    expect(() => nok('10').compare(eur)).toThrow('Cannot compare amounts in NOK and EUR');
    expect(() => Money.sum('NOK', [nok('1'), eur])).toThrow(CurrencyMismatchError);
    expect(nok('5').equals(eur)).toBe(false);
  });

  it('refuses what is no amount of money', () => {
    expect(() => Money.of('1', 'nok')).toThrow('"nok" is not an ISO 4217 currency code');
    expect(() => Money.of('1', 'KRONER')).toThrow(RangeError);
    expect(() => Money.of('NaN', 'NOK')).toThrow('NaN is not an amount of money');
    expect(() => Money.of('Infinity', 'NOK')).toThrow(RangeError);
    expect(() => Money.of(0.1, 'NOK')).toThrow('never a binary float');
    expect(() => nok('10').dividedBy('0')).toThrow('by zero');
  });

  it('rounds line and document amounts to two decimals, halves away from zero (PEPPOL BIS 3)', () => {
    expect(nok('10.005').toAmount().toDecimalString()).toBe('10.01');
    expect(nok('10.004999').toAmount().toDecimalString()).toBe('10');
    expect(nok('-10.005').toAmount().toDecimalString()).toBe('-10.01');
    expect(nok('2.675').toAmount().toDecimalString()).toBe('2.68'); // 2.675 is 2.67499… as a float
    // A unit price keeps its four decimals until it becomes a line amount.
    const unitPrice = nok('0.1235');
    expect(unitPrice.toDecimalString()).toBe('0.1235');
    expect(unitPrice.times('3').toAmount().toDecimalString()).toBe('0.37');
    expect(nok('149.00').dividedBy('4').toDecimalString()).toBe('37.25');
  });

  it('compares within one currency', () => {
    expect(nok('10').compare(nok('9.99'))).toBe(1);
    expect(nok('10').compare(nok('10.00'))).toBe(0);
    expect(nok('-1').isNegative()).toBe(true);
    expect(nok('0.0000').isZero()).toBe(true);
    expect(nok('0.0001').isPositive()).toBe(true);
    expect(nok('1.2340').decimalPlaces()).toBe(3);
  });

  describe('properties', () => {
    it('addition is exact: commutative, associative, and undone by subtraction', () => {
      fc.assert(
        fc.property(amountText, amountText, amountText, (a, b, c) => {
          expect(
            nok(a)
              .plus(nok(b))
              .equals(nok(b).plus(nok(a))),
          ).toBe(true);
          expect(
            nok(a)
              .plus(nok(b))
              .plus(nok(c))
              .equals(nok(a).plus(nok(b).plus(nok(c)))),
          ).toBe(true);
          expect(nok(a).plus(nok(b)).minus(nok(b)).equals(nok(a))).toBe(true);
          expect(
            nok(a)
              .plus(nok(b))
              .equals(nok(exactSum(a, b))),
          ).toBe(true);
        }),
      );
    });

    it('multiplying by a whole quantity is repeated addition', () => {
      fc.assert(
        fc.property(amountText, fc.integer({ min: 0, max: 50 }), (a, n) => {
          expect(
            nok(a)
              .times(String(n))
              .equals(
                Money.sum(
                  'NOK',
                  Array.from({ length: n }, () => nok(a)),
                ),
              ),
          ).toBe(true);
        }),
      );
    });

    it('rounding gives two decimals, moves by at most half a cent, is symmetric and idempotent', () => {
      fc.assert(
        fc.property(amountText, (a) => {
          const rounded = nok(a).toAmount();
          expect(rounded.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(rounded.amount.minus(a).abs().lte('0.005')).toBe(true);
          expect(nok(a).times('-1').toAmount().equals(rounded.times('-1'))).toBe(true);
          expect(rounded.toAmount().equals(rounded)).toBe(true);
        }),
      );
    });

    it('a document total of rounded lines needs no further rounding', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(amountText, fc.integer({ min: 1, max: 1000 })), { maxLength: 30 }), (lines) => {
          const total = Money.sum(
            'NOK',
            lines.map(([price, qty]) => nok(price).times(String(qty)).toAmount()),
          );
          expect(total.toAmount().equals(total)).toBe(true);
        }),
      );
    });

    it('never mixes two different currencies', () => {
      fc.assert(
        fc.property(amountText, amountText, currency, currency, (a, b, x, y) => {
          fc.pre(x !== y);
          expect(() => Money.of(a, x).plus(Money.of(b, y))).toThrow(CurrencyMismatchError);
          expect(() => Money.of(a, x).minus(Money.of(b, y))).toThrow(CurrencyMismatchError);
        }),
      );
    });
  });
});
