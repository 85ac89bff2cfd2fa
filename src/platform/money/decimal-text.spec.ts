import Decimal from 'decimal.js';
import fc from 'fast-check';
import { formatDecimal, valuedDecimalText } from './decimal-text';
import { DecimalScalar } from './decimal.scalar';
import { Money } from './money';

describe('printing decimals', () => {
  it('drops trailing zeros beyond two decimals and pads to two', () => {
    expect(formatDecimal('45.0700')).toBe('45.07');
    expect(formatDecimal('45.1234')).toBe('45.1234');
    expect(formatDecimal('45.1230')).toBe('45.123');
    expect(formatDecimal('45')).toBe('45.00');
    expect(formatDecimal('45.5')).toBe('45.50');
    expect(formatDecimal('25.00')).toBe('25.00');
    expect(formatDecimal('0.0000')).toBe('0.00');
    expect(formatDecimal('-3.5000')).toBe('-3.50');
    expect(formatDecimal('-0.0000')).toBe('0.00');
    expect(formatDecimal('007.10')).toBe('7.10');
    expect(formatDecimal(new Decimal('1e21'))).toBe('1000000000000000000000.00');
  });

  it('keeps the value and prints the shortest form with at least two decimals', () => {
    const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 4 })).map(([units, scale, padding]) => {
      const text = new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed(scale);
      return padding && !text.includes('.') ? `${text}.${'0'.repeat(padding)}` : text + (text.includes('.') ? '0'.repeat(padding) : '');
    });
    fc.assert(
      fc.property(decimalText, (text) => {
        const printed = formatDecimal(text);
        expect(new Decimal(printed).eq(new Decimal(text))).toBe(true);
        expect(printed).toMatch(/^-?(0|[1-9]\d*)\.\d{2,}$/);
        expect(printed).not.toMatch(/\.\d{2}\d*0$/);
      }),
    );
  });

  it('is how the GraphQL Decimal scalar serialises strings, Decimals and Money', () => {
    const scalar = new DecimalScalar();
    expect(scalar.serialize('49.9000')).toBe('49.90');
    expect(scalar.serialize(new Decimal('0.1235'))).toBe('0.1235');
    expect(scalar.serialize(Money.of('110.0000', 'NOK'))).toBe('110.00');
    expect(scalar.serialize(12)).toBe('12.00');
    expect(() => scalar.serialize({})).toThrow('Decimal cannot represent object');
  });
});

describe('a decimal text by its value', () => {
  it('takes every xsd:decimal spelling: a plus sign, no digit before or after the point', () => {
    expect(['+45.070', '.50', '-.5', '7.', '+0.', '-0.'].map(valuedDecimalText)).toEqual(['45.07', '0.5', '-0.5', '7', '0', '0']);
    expect(valuedDecimalText(`+1.${'0'.repeat(16_384)}`)).toBe('1');
    expect(valuedDecimalText('1e5')).toBe('1e5');
  });

  it('writes plain decimals as Decimal#toFixed() does, without arithmetic', () => {
    for (const [text, valued] of [
      ['012.50', '12.5'],
      ['100', '100'],
      ['0.0100', '0.01'],
      ['-3.5000', '-3.5'],
      ['-0.00', '0'],
      ['000', '0'],
      [`1.${'0'.repeat(16_384)}`, '1'],
      ['99999999999999.9999', '99999999999999.9999'],
    ]) {
      expect(valuedDecimalText(text)).toBe(valued);
      expect(valuedDecimalText(text)).toBe(new Decimal(text).toFixed());
    }
  });

  it('leaves any other text as it is, for the format check to refuse', () => {
    for (const text of ['', '1e5', '1,5', '.', '+-1', ' 1', 'abc', '--1']) expect(valuedDecimalText(text)).toBe(text);
  });

  it('agrees with Decimal for any plain decimal', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^\d{1,30}$/), fc.stringMatching(/^\d{0,30}$/), (negative, whole, fraction) => {
        const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
        expect(valuedDecimalText(text)).toBe(new Decimal(text).toFixed());
      }),
    );
  });
});
