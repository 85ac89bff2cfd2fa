import { describe, expect, it } from 'vitest';
import { checkDespatch, fullDespatch, outstanding, toDespatchInput } from './despatch';

describe('the despatch form', () => {
  it('starts with every line in full, as a person writes the number', () => {
    expect(
      fullDespatch([
        { lineId: '1', quantity: '150.0000' },
        { lineId: '2', quantity: '2.50' },
      ]).lines.map((l) => l.quantity),
    ).toEqual(['150', '2,5']);
  });

  it('sends the lines with a quantity, and what is still to come', () => {
    const draft = {
      ...fullDespatch([
        { lineId: '1', quantity: '10.0000' },
        { lineId: '2', quantity: '3' },
      ]),
      despatchId: ' D-1 ',
      note: '',
    };
    draft.lines[0].quantity = '4,5';
    draft.lines[1].quantity = '0';
    expect(checkDespatch(draft)).toEqual([]);
    expect(toDespatchInput(7, draft)).toEqual({ orderId: 7, despatchId: 'D-1', lines: [{ lineId: '1', deliveredQuantity: '4.5', outstandingQuantity: '5.5' }] });
  });

  it('computes what is outstanding exactly, never below 0', () => {
    expect(outstanding('10.0000', '4.5')).toBe('5.5');
    expect(outstanding('0.3', '0.1')).toBe('0.2');
    expect(outstanding('3', '5')).toBe('0');
    expect(outstanding('150', '150')).toBe('0');
  });

  it('names the missing id, a wrong quantity, and a despatch of nothing', () => {
    const draft = fullDespatch([{ lineId: '1', quantity: '2' }]);
    draft.lines[0].quantity = 'to';
    expect(checkDespatch(draft)).toEqual([
      { field: 'despatchId', key: 'supplierPortal.despatch.errors.id' },
      { field: '1.quantity', key: 'supplierPortal.errors.quantity' },
    ]);
    draft.lines[0].quantity = '0';
    draft.despatchId = 'D-2';
    expect(checkDespatch(draft)).toEqual([{ field: 'lines', key: 'supplierPortal.despatch.errors.nothing' }]);
  });
});
