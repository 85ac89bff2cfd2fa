import fc from 'fast-check';
import { lineAmount, lineVat, PricedLine, totals } from './cart-totals';

/** Decimal text of `scaled` / 10^scale (non-negative). */
const text = (scaled: bigint, scale: number) => {
  const s = scaled.toString().padStart(scale + 1, '0');
  return scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s;
};

/** n / 10^scale rounded to hundredths, halves away from zero, worked out in integers (owes nothing to decimal.js). */
function roundToCents(n: bigint, scale: number): bigint {
  const divisor = 10n ** BigInt(scale - 2);
  return (n + divisor / 2n) / divisor;
}

const cents = (c: bigint) => text(c, 2).replace(/\.?0+$/, '') || '0';

/** Quantities up to 1,000,000 and prices up to 10^9, both with four decimals. */
const line = fc.record({
  qty: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
  price: fc.bigInt({ min: 0n, max: 10_000_000_000_000n }),
  rate: fc.constantFrom(25n, 15n, 12n, 0n),
});
const asLine = (l: { qty: bigint; price: bigint; rate: bigint }, currency = 'NOK'): PricedLine => ({
  quantity: text(l.qty, 4),
  unitPrice: text(l.price, 4),
  currency,
  vatRate: l.rate.toString(),
});
/** The line amount in cents: qty × price has eight decimals. */
const lineCents = (l: { qty: bigint; price: bigint }) => roundToCents(l.qty * l.price, 8);

describe('cart totals', () => {
  it('rounds each line amount to two decimals, halves away from zero, exactly', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(lineAmount(asLine(l)).toDecimalString()).toBe(cents(lineCents(l)));
      }),
    );
    expect(lineAmount({ quantity: '3', unitPrice: '0.335', currency: 'NOK', vatRate: '25' }).toDecimalString()).toBe('1.01'); // 1.005
    expect(lineAmount({ quantity: '1.5', unitPrice: '45.07', currency: 'NOK', vatRate: '25' }).toDecimalString()).toBe('67.61'); // 67.605
  });

  it('sums the rounded lines, takes VAT per rate on the sum (rounded once), and adds them up', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (ls) => {
        const [t] = totals(ls.map((l) => asLine(l)));
        const byRate = new Map<bigint, bigint>();
        for (const l of ls) byRate.set(l.rate, (byRate.get(l.rate) ?? 0n) + lineCents(l));
        const excl = [...byRate.values()].reduce((a, b) => a + b, 0n);
        // taxable (cents) × rate (percent) has four decimals.
        const vat = [...byRate.entries()].reduce((sum, [rate, taxable]) => sum + roundToCents(taxable * rate, 4), 0n);
        expect(t.lineExtensionAmount.toDecimalString()).toBe(cents(excl));
        expect(t.vatAmount.toDecimalString()).toBe(cents(vat));
        expect(t.taxInclusiveAmount.toDecimalString()).toBe(cents(excl + vat));
        expect(t.vatBreakdown.map((v) => v.rate)).toEqual([...byRate.keys()].sort((a, b) => Number(b - a)).map(String));
        for (const v of t.vatBreakdown) {
          expect(v.taxableAmount.toDecimalString()).toBe(cents(byRate.get(BigInt(v.rate))!));
          expect(v.vatAmount.decimalPlaces()).toBeLessThanOrEqual(2);
        }
      }),
    );
  });

  it('takes VAT per rate, not the sum of the rounded line VATs (BR-CO-17)', () => {
    const tenOre = { quantity: '1', unitPrice: '0.10', currency: 'NOK', vatRate: '25' };
    expect(lineVat(tenOre).toDecimalString()).toBe('0.03'); // 0.025 rounds up
    const [t] = totals([tenOre, tenOre, tenOre]);
    expect(t.vatAmount.toDecimalString()).toBe('0.08'); // 0.30 × 25 % = 0.075, not 3 × 0.03
    expect(t.taxInclusiveAmount.toDecimalString()).toBe('0.38');
  });

  it('treats "25.00" and "25" as one rate and keeps currencies apart', () => {
    const t = totals([
      { quantity: '2', unitPrice: '45.07', currency: 'NOK', vatRate: '25.00' },
      { quantity: '1', unitPrice: '10', currency: 'NOK', vatRate: '25' },
      { quantity: '1', unitPrice: '99.5', currency: 'NOK', vatRate: '15' },
      { quantity: '3', unitPrice: '1.99', currency: 'EUR', vatRate: '25' },
    ]);
    expect(t.map((x) => x.currency)).toEqual(['EUR', 'NOK']);
    const nok = t[1];
    expect(nok.vatBreakdown.map((v) => [v.rate, v.taxableAmount.toDecimalString(), v.vatAmount.toDecimalString()])).toEqual([
      ['25', '100.14', '25.04'], // 25.035 rounds up
      ['15', '99.5', '14.93'], // 14.925 rounds up
    ]);
    expect(nok.lineExtensionAmount.toDecimalString()).toBe('199.64');
    expect(nok.taxInclusiveAmount.toDecimalString()).toBe('239.61');
    expect(t[0].lineExtensionAmount.toDecimalString()).toBe('5.97');
  });

  it('gives no totals for no lines', () => {
    expect(totals([])).toEqual([]);
  });
});
