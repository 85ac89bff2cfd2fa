import { acceptedChanges, orderTotals } from './order-changes';
import type { OrderResponseLineEntity } from './order-response.entity';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';

const line = (id: number, quantity: string, unitPrice: string, vatRate = '25') => ({ id, quantity, unitPrice, vatRate }) as PurchaseOrderLineEntity;
const answer = (orderLineId: number, lineCode: '5' | '7' | '3', fields: Partial<OrderResponseLineEntity> = {}) =>
  ({ orderLineId, lineCode, quantity: null, price: null, substituteSellerItemId: null, substituteName: null, substituteGtin: null, ...fields }) as OrderResponseLineEntity;

describe('acceptedChanges', () => {
  const lines = [line(1, '150', '45.07'), line(2, '2', '294.59'), line(3, '3', '203.12'), line(4, '4', '192.69'), line(5, '1', '10')];
  const updates = acceptedChanges(lines, [
    answer(1, '3', { quantity: '100' }),
    answer(2, '3', { price: '300' }),
    answer(3, '7'),
    answer(4, '3', { substituteSellerItemId: 'KL-9', substituteName: 'Ny', substituteGtin: null }),
    answer(5, '5'),
  ]);

  it('applies quantity and price, takes a refused line out, records a substitute, leaves accepted and unnamed lines', () => {
    expect([...updates.entries()]).toEqual([
      [1, { status: 'CHANGED', quantity: '100' }],
      [2, { status: 'CHANGED', unitPrice: '300' }],
      [3, { quantity: '0', status: 'CANCELLED' }],
      [4, { status: 'CHANGED', substituteSellerItemId: 'KL-9', substituteName: 'Ny', substituteGtin: null }],
    ]);
  });

  it('recomputes the totals from the rounded lines as they will be (VAT per rate, rounded once)', () => {
    // 4507.00 + 600.00 + 0 + 770.76 + 10.00 = 5887.76; VAT 25 % = 1471.94
    expect(orderTotals(lines, updates, 'NOK')).toEqual({ lineExtensionAmount: '5887.76', vatAmount: '1471.94', taxInclusiveAmount: '7359.7' });
  });
});
