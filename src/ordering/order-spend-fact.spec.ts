import { deliveredLines, orderSpendFact } from './order-spend-fact';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';

const line = (id: number, quantity: string, unitPrice: string, status: PurchaseOrderLineEntity['status'] = 'ACCEPTED') =>
  ({ id, quantity, unitPrice, status, unspscCode: '44121706', unitCode: 'EA', loyalty: 'ON_AGREEMENT', coveringAgreementIds: [] }) as unknown as PurchaseOrderLineEntity;
const order = { id: 7, orderNo: 'PO-7', decidedAt: new Date('2026-03-02T10:00:00Z'), submittedAt: new Date('2026-03-02T09:00:00Z'), currency: 'NOK' } as PurchaseOrderEntity;

describe('deliveredLines (a closed order as bought)', () => {
  it('takes each line at what was received of it net of returns, leaves out lines of which nothing is kept, and never goes above what was ordered', () => {
    const lines = [line(1, '10', '45.07'), line(2, '3', '10'), line(3, '2', '99.99'), line(4, '5', '1.005'), line(5, '4', '20')];
    // 4 of 10; none of 3; 5 of 2 (over-received: keeps the 2 ordered); 2.5 of 5 (net of a return); all 4.
    const delivered = deliveredLines(lines, ['4.000', '0', '5', '2.5', '4']);
    expect(delivered.map((l) => [l.id, l.quantity])).toEqual([
      [1, '4'],
      [3, '2'],
      [4, '2.5'],
      [5, '4'],
    ]);
    // The amounts follow at the line's price, rounded as line amounts: 180.28, 199.98 (as ordered), 2.51 (2.5125), 80.
    expect(orderSpendFact(order, delivered, 'Kontorland').lines.map((l) => l.amount)).toEqual(['180.28', '199.98', '2.51', '80']);
    // The order's own lines are not changed.
    expect(lines.map((l) => l.quantity)).toEqual(['10', '3', '2', '5', '4']);
  });

  it('leaves out a line the buyer took out and everything when nothing was delivered', () => {
    expect(orderSpendFact(order, deliveredLines([line(1, '3', '10', 'CANCELLED'), line(2, '1', '10')], ['0', '0']), 'Kontorland').lines).toEqual([]);
  });

  it('refuses received quantities that do not pair with the lines', () => {
    expect(() => deliveredLines([line(1, '3', '10')], [])).toThrow(/1 order lines but 0 received/);
  });
});
