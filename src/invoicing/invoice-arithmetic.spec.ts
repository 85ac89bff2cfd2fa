import fc from 'fast-check';
import { Money } from '../platform/money/money';
import { invoiceAmounts, vatCategoryOf } from './invoice-arithmetic';

const text = (a: ReturnType<typeof invoiceAmounts>) => ({
  lines: a.lineAmounts.map((m) => m.toDecimalString()),
  lineExtension: a.lineExtensionAmount.toDecimalString(),
  allowances: a.allowanceTotalAmount.toDecimalString(),
  charges: a.chargeTotalAmount.toDecimalString(),
  taxExclusive: a.taxExclusiveAmount.toDecimalString(),
  vat: a.vatSubtotals.map((v) => `${v.category.id}${v.category.percent}: ${v.taxableAmount.toDecimalString()} → ${v.taxAmount.toDecimalString()}`),
  tax: a.taxAmount.toDecimalString(),
  taxInclusive: a.taxInclusiveAmount.toDecimalString(),
  payable: a.payableAmount.toDecimalString(),
});

describe('invoiceAmounts, as EN 16931 checks an invoice', () => {
  it('rounds each line half away from zero, then sums the rounded lines', () => {
    const a = invoiceAmounts('NOK', [
      { quantity: '3', unitPrice: '0.335', vatRate: '25' }, // 1.005 → 1.01
      { quantity: '1.5', unitPrice: '45.07', vatRate: '25' }, // 67.605 → 67.61
    ]);
    expect(text(a)).toMatchObject({ lines: ['1.01', '67.61'], lineExtension: '68.62', vat: ['S25: 68.62 → 17.16'], tax: '17.16', taxInclusive: '85.78' }); // 17.155 → 17.16
  });

  it('takes VAT once per rate on the rounded sum, not line by line (BR-CO-17)', () => {
    // Per line: 3 × (0.10 × 25 % = 0.025 → 0.03) = 0.09; per rate: 0.30 × 25 % = 0.075 → 0.08.
    const tenOre = { quantity: '1', unitPrice: '0.10', vatRate: '25' };
    expect(text(invoiceAmounts('NOK', [tenOre, tenOre, tenOre])).vat).toEqual(['S25: 0.3 → 0.08']);
  });

  it('keeps one subtotal per rate, highest first, zero-rated as Z; "25.00" and "25" are one rate', () => {
    const a = invoiceAmounts('NOK', [
      { quantity: '12', unitPrice: '35.45', vatRate: '15' },
      { quantity: '1', unitPrice: '349', vatRate: '0' },
      { quantity: '3', unitPrice: '100', vatRate: '25.00' },
      { quantity: '2', unitPrice: '150', vatRate: '25' },
      { quantity: '1', unitPrice: '80', vatRate: '12' },
    ]);
    expect(text(a)).toMatchObject({
      vat: ['S25: 600 → 150', 'S15: 425.4 → 63.81', 'S12: 80 → 9.6', 'Z0: 349 → 0'],
      lineExtension: '1454.4',
      tax: '223.41',
      taxInclusive: '1677.81',
    });
  });

  it('lets document allowances and charges move their own category’s taxable amount and the tax-exclusive total', () => {
    const a = invoiceAmounts(
      'NOK',
      [
        { quantity: '10', unitPrice: '97', vatRate: '25' },
        { quantity: '4', unitPrice: '25', vatRate: '15' },
      ],
      [
        { chargeIndicator: false, amount: '107.00', vatRate: '25' },
        { chargeIndicator: true, amount: '150', vatRate: '25' },
        { chargeIndicator: false, amount: '10', vatRate: '15' },
      ],
    );
    expect(text(a)).toEqual({
      lines: ['970', '100'],
      lineExtension: '1070',
      allowances: '117',
      charges: '150',
      taxExclusive: '1103',
      vat: ['S25: 1013 → 253.25', 'S15: 90 → 13.5'],
      tax: '266.75',
      taxInclusive: '1369.75',
      payable: '1369.75',
    });
  });

  it('names the category of a rate', () => {
    expect(vatCategoryOf('25.00')).toEqual({ id: 'S', percent: '25' });
    expect(vatCategoryOf('0.00')).toEqual({ id: 'Z', percent: '0' });
  });
});

describe('invoiceAmounts, properties over any lines and allowances', () => {
  const decimal = (max: bigint, scale: number) =>
    fc.bigInt({ min: 0n, max }).map((n) => (scale ? `${n / 10n ** BigInt(scale)}.${(n % 10n ** BigInt(scale)).toString().padStart(scale, '0')}` : `${n}`));
  const rate = fc.constantFrom('25', '15', '12', '0');
  const line = fc.record({ quantity: decimal(100_000_000n, 3).filter((q) => Number(q) > 0), unitPrice: decimal(10_000_000_000n, 4), vatRate: rate });
  const allowanceCharge = fc.record({ chargeIndicator: fc.boolean(), amount: decimal(1_000_000n, 2).filter((a) => Number(a) > 0), vatRate: rate });

  it('holds the totals EN 16931 checks: BR-CO-10, -13, -14, -15 and -17, every amount with at most two decimals', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(allowanceCharge, { maxLength: 4 }), (lines, acs) => {
        const a = invoiceAmounts('NOK', lines, acs);
        const sum = (ms: Money[]) => Money.sum('NOK', ms);
        expect(a.lineExtensionAmount.equals(sum(a.lineAmounts))).toBe(true);
        expect(a.taxExclusiveAmount.equals(a.lineExtensionAmount.minus(a.allowanceTotalAmount).plus(a.chargeTotalAmount))).toBe(true);
        expect(a.taxExclusiveAmount.equals(sum(a.vatSubtotals.map((v) => v.taxableAmount)))).toBe(true);
        expect(a.taxAmount.equals(sum(a.vatSubtotals.map((v) => v.taxAmount)))).toBe(true);
        expect(a.taxInclusiveAmount.equals(a.taxExclusiveAmount.plus(a.taxAmount))).toBe(true);
        for (const v of a.vatSubtotals) expect(v.taxAmount.equals(v.taxableAmount.times(v.category.percent).dividedBy(100).toAmount())).toBe(true);
        for (const m of [...a.lineAmounts, a.taxAmount, a.taxInclusiveAmount, a.payableAmount]) expect(m.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(new Set(a.vatSubtotals.map((v) => v.category.percent)).size).toBe(a.vatSubtotals.length);
      }),
    );
  });
});
