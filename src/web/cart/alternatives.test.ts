import { describe, expect, it } from 'vitest';
import { isPositiveAmount, splitAlternatives } from './alternatives';

describe('cheaper agreement alternatives', () => {
  const line = { unitCode: 'EA', currency: 'NOK' };

  it('calls cheaper only what saves money in the same unit; pricier items are offered as other agreement items', () => {
    const cheap = { itemId: '1', unitCode: 'EA', currency: 'NOK', savingForLine: '120.00' };
    const pricier = { itemId: '2', unitCode: 'EA', currency: 'NOK', savingForLine: '-85.50' };
    const same = { itemId: '3', unitCode: 'EA', currency: 'NOK', savingForLine: '0.00' };
    const otherUnit = { itemId: '4', unitCode: 'PK', currency: 'NOK', savingForLine: '300.00' };
    const otherCurrency = { itemId: '5', unitCode: 'EA', currency: 'EUR', savingForLine: null };
    const { cheaper, others } = splitAlternatives(line, [cheap, pricier, same, otherUnit, otherCurrency]);
    expect(cheaper.map((a) => a.itemId)).toEqual(['1']);
    expect(others.map((a) => a.itemId)).toEqual(['2', '3', '4', '5']);
  });

  it('reads the sign of a decimal string without floating point', () => {
    expect(['0.01', '1200', '-0.01', '0.00', '-12', '', null].map(isPositiveAmount)).toEqual([true, true, false, false, false, false, false]);
  });
});
