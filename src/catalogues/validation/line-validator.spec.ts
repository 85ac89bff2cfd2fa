import { RawCatalogueLine } from '../catalogue-line';
import { gtinProblem } from './gtin';
import Decimal from 'decimal.js';
import { valuedDecimalText } from '../../platform/money/decimal-text';
import { LineRules, validateLine } from './line-validator';

const rules: LineRules = {
  agreementValidFrom: '2025-01-01',
  agreementValidTo: '2027-12-31',
  agreementCurrency: 'NOK',
  scope: ['44120000', '14111500'],
  unspscExists: (c) => ['44121704', '14111507', '43211708', '44120000'].includes(c),
};

const good: RawCatalogueLine = {
  lineNo: 2,
  location: 'line 2',
  action: 'Add',
  sellerItemId: 'K-100',
  name: 'Kulepenn blå',
  unspsc: '44121704',
  price: '12.50',
  currency: 'NOK',
  vatRate: '25',
  unitCode: 'EA',
  gtin: '7038010009457',
  attributes: {},
};

describe('validateLine', () => {
  it('accepts a good line and keeps the price exact', () => {
    const { item, problems } = validateLine(good, rules);
    expect(problems).toEqual([]);
    expect(item).toMatchObject({ sellerItemId: 'K-100', price: '12.5', vatRate: '25', unitCode: 'EA' });
  });

  it('refuses control characters such as NUL, but keeps tabs and line breaks in descriptions', () => {
    const { item, problems } = validateLine({ ...good, name: 'Kule\u0000penn', attributes: { farge: 'bl\u0007' } }, rules);
    expect(item).toBeUndefined();
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['name', 'contains the control character U+0000'],
      ['attributes.farge', 'contains the control character U+0007'],
    ]);
    expect(validateLine({ ...good, description: 'Linje 1\r\nLinje 2\tslutt' }, rules).problems).toEqual([]);
  });

  it('accepts every UN/ECE Rec 20 unit PEPPOL accepts, the older package codes and Rec 21 packages, nothing else', () => {
    for (const unitCode of ['H87', 'KMQ', 'D63', '2N', 'MTK', 'PK', 'BX', 'XPK', 'xbx']) {
      expect(validateLine({ ...good, unitCode }, rules).problems).toEqual([]);
    }
    for (const unitCode of ['FOO', 'X1234', 'KG', 'ABC1']) {
      expect(validateLine({ ...good, unitCode }, rules).problems[0]).toMatchObject({ field: 'unitCode', value: unitCode });
    }
  });

  it('reports every problem of a line with field and reason', () => {
    const { item, problems } = validateLine({ ...good, sellerItemId: '', unspsc: '43211708', price: '-3', currency: 'XXX', vatRate: '18', unitCode: 'FOO', gtin: '7038010009458' }, rules);
    expect(item).toBeUndefined();
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.reason]));
    expect(byField.sellerItemId).toBe('is required');
    expect(byField.unspsc).toMatch(/outside the agreement scope/);
    expect(byField.price).toMatch(/positive decimal/);
    expect(byField.currency).toMatch(/ISO 4217/);
    expect(byField.vatRate).toMatch(/Norwegian VAT rate/);
    expect(byField.unitCode).toMatch(/Recommendation 20/);
    expect(byField.gtin).toMatch(/check digit \(expected 7\)/);
    expect(problems.every((p) => p.line === 2)).toBe(true);
  });

  it('refuses unknown UNSPSC codes and dates outside the agreement', () => {
    const { problems } = validateLine({ ...good, unspsc: '44121799', validFrom: '2024-06-01', validTo: '2028-01-01' }, rules);
    expect(problems.map((p) => p.field).sort()).toEqual(['unspsc', 'validFrom', 'validTo']);
    expect(problems.find((p) => p.field === 'unspsc')!.reason).toBe('is not a known UNSPSC code');
  });

  it('writes plain prices in their shortest exact form without arithmetic, like Decimal does', () => {
    for (const [text, stored] of [
      ['012.50', '12.5'],
      ['100', '100'],
      ['0.0100', '0.01'],
      ['7,25', '7.25'],
      ['99999999999999.9999', '99999999999999.9999'],
    ]) {
      expect(validateLine({ ...good, price: text }, rules).item!.price).toBe(stored);
      expect(valuedDecimalText(text.replace(',', '.'))).toBe(new Decimal(text.replace(',', '.')).toFixed());
    }
  });

  it('refuses prices the price column cannot hold, and zero written with decimals', () => {
    const big = validateLine({ ...good, price: '123456789012345' }, rules);
    expect(big.problems[0]).toMatchObject({ field: 'price', reason: 'may have at most 14 digits before the decimal point' });
    expect(validateLine({ ...good, price: '000000000000000012.5' }, rules).item!.price).toBe('12.5');
    expect(validateLine({ ...good, price: '0.000' }, rules).problems[0]).toMatchObject({ field: 'price', reason: 'must be greater than zero' });
    expect(validateLine({ ...good, price: '1.00001' }, rules).problems[0]).toMatchObject({ field: 'price', reason: 'may have at most 4 decimals (per unit)' });
  });

  it('divides the price by the UBL base quantity', () => {
    const { item } = validateLine({ ...good, price: '100', baseQuantity: '8' }, rules);
    expect(item!.price).toBe('12.5');
  });

  it('accepts items classified at family level inside the scope', () => {
    expect(validateLine({ ...good, unspsc: '44120000' }, rules).problems).toEqual([]);
  });

  it('needs only an identifier for Delete lines', () => {
    expect(validateLine({ lineNo: 3, location: 'x', action: 'Delete', gtin: '05790000436040', attributes: {} }, rules).problems).toEqual([]);
  });
});

describe('gtinProblem', () => {
  it('checks GS1 check digits', () => {
    expect(gtinProblem('7038010009457')).toBeNull();
    expect(gtinProblem('05790000436057')).toBeNull();
    expect(gtinProblem('7038010009458')).toMatch(/expected 7/);
    expect(gtinProblem('12345')).toMatch(/8, 12, 13 or 14/);
  });

  it('reads the orderable indicator (absent: orderable) and refuses anything but a yes or no', () => {
    expect(validateLine(good, rules).item?.orderable).toBe(true);
    for (const [text, orderable] of [
      ['false', false],
      ['FALSE', false],
      ['nei', false],
      ['0', false],
      ['true', true],
      ['Ja', true],
    ] as const) {
      expect(validateLine({ ...good, orderable: text }, rules).item?.orderable).toBe(orderable);
    }
    expect(validateLine({ ...good, orderable: 'maybe' }, rules).problems).toEqual([{ line: 2, location: 'line 2', field: 'orderable', reason: 'must be true or false', value: 'maybe' }]);
  });
});

describe('validateLine: a UNSPSC code not in the code set', () => {
  // 44121704 is a commodity of class 44121700 (which exists here); 44129999 has neither class nor family here but 44120000.
  const known = new Set(['44121704', '44121700', '44120000', '14111507']);
  const nearest: LineRules = { ...rules, unspscExists: (c) => known.has(c), unspscFallback: 'NEAREST_LEVEL' };

  it('is refused by a strict agreement (the default), without a warning', () => {
    const { item, problems, warnings } = validateLine({ ...good, unspsc: '44121799' }, { ...nearest, unspscFallback: undefined });
    expect(item).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ field: 'unspsc', reason: 'is not a known UNSPSC code', value: '44121799' })]);
    expect(warnings).toEqual([]);
  });

  it('is taken at its class when the agreement allows the nearest level, with a warning naming both codes', () => {
    const { item, problems, warnings } = validateLine(
      { ...good, unspsc: '44121799', paths: { unspsc: '/Catalogue/CatalogueLine[2]/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode' } },
      nearest,
    );
    expect(problems).toEqual([]);
    expect(item?.unspsc).toBe('44121700');
    expect(warnings).toEqual([
      {
        line: 2,
        location: 'line 2',
        field: '/Catalogue/CatalogueLine[2]/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
        code: 'UNSPSC_NEAREST_LEVEL',
        message: 'UNSPSC 44121799 is not a known code; the item is classified at its class 44121700, as the agreement allows',
        value: '44121799',
      },
    ]);
  });

  it('falls to the family when the class is missing too, and is refused when neither exists or the level found lies outside the scope', () => {
    expect(validateLine({ ...good, unspsc: '44129901' }, nearest)).toMatchObject({ item: { unspsc: '44120000' }, warnings: [{ message: expect.stringContaining('its family 44120000') }] });
    expect(validateLine({ ...good, unspsc: '44999901' }, nearest).problems).toEqual([expect.objectContaining({ reason: 'is not a known UNSPSC code', value: '44999901' })]);
    // The class 14111500 lies in scope but does not exist here; the family 14110000 exists but lies outside the scope 14111500.
    const outside = validateLine({ ...good, unspsc: '14111599' }, { ...nearest, unspscExists: (c) => c === '14110000' });
    expect(outside.problems).toEqual([expect.objectContaining({ reason: 'lies outside the agreement scope (44120000, 14111500)', value: '14110000' })]);
  });

  it('leaves a known code alone', () => {
    expect(validateLine(good, nearest)).toMatchObject({ item: { unspsc: '44121704' }, warnings: [], problems: [] });
  });
});
