import { invoiceSpendFact } from './invoice-spend-fact';
import type { InvoiceEntity, InvoiceLineEntity } from './invoicing.entities';

const invoice = (over: Partial<InvoiceEntity> = {}) =>
  ({
    id: 7,
    kind: 'INVOICE',
    invoiceNumber: 'F-1',
    buyerOrganisationId: 2,
    supplierId: 5,
    agreementId: 3,
    orderId: 11,
    currency: 'NOK',
    issueDate: '2026-11-02',
    receivedAt: new Date('2026-11-03T10:00:00Z'),
    ...over,
  }) as InvoiceEntity;
const line = (id: number, over: Partial<InvoiceLineEntity> = {}) =>
  ({ id, quantity: '2', unitCode: 'EA', lineAmount: '100.50', unspscCode: '44121618', orderLineId: null, ...over }) as InvoiceLineEntity;
const approvedAt = new Date('2026-11-04T09:00:00Z');

describe('invoiceSpendFact', () => {
  it("carries each matched line's loyalty, category and agreement from its order line, and the order's submit time", () => {
    const order = { submittedAt: new Date('2026-10-01T08:00:00Z'), lines: [{ id: 21, unspscCode: '14111507', loyalty: 'OFF_AGREEMENT' as const, agreementId: null, ecoLabelled: true }] };
    const fact = invoiceSpendFact(invoice(), [line(1, { orderLineId: 21 })], order, approvedAt);
    expect(fact).toMatchObject({ invoiceId: 7, kind: 'INVOICE', orderId: 11, orderSubmittedAt: order.submittedAt, approvedAt });
    expect(fact.lines).toEqual([
      { invoiceLineId: 1, orderLineId: 21, unspscCode: '14111507', quantity: '2', unitCode: 'EA', amount: '100.50', loyalty: 'OFF_AGREEMENT', agreementId: 3, ecoLabelled: true },
    ]);
  });

  it('counts a line on no order line, and every line of an invoice without order, as off-catalogue spend in its own category', () => {
    const fact = invoiceSpendFact(invoice({ orderId: null }), [line(1), line(2, { unspscCode: null })], null, approvedAt);
    expect(fact.orderSubmittedAt).toBeNull();
    expect(fact.lines.map((l) => [l.loyalty, l.unspscCode, l.orderLineId, l.agreementId])).toEqual([
      ['OFF_CATALOGUE', '44121618', null, 3],
      ['OFF_CATALOGUE', null, null, 3],
    ]);
  });

  it("keeps the order line's eco-label flag; a line on no order line, or on a free-text one, is unknown (null), not unlabelled", () => {
    const lines = [
      { id: 21, unspscCode: '14111507', loyalty: 'ON_AGREEMENT' as const, agreementId: 3, ecoLabelled: false },
      { id: 22, unspscCode: '14111507', loyalty: 'NOT_COVERED' as const, agreementId: null, ecoLabelled: null },
    ];
    const fact = invoiceSpendFact(invoice(), [line(1, { orderLineId: 21 }), line(2, { orderLineId: 22 }), line(3)], { submittedAt: new Date('2026-10-01T08:00:00Z'), lines }, approvedAt);
    expect(fact.lines.map((l) => l.ecoLabelled)).toEqual([false, null, null]);
  });

  it('makes a credit note negative spend', () => {
    const fact = invoiceSpendFact(invoice({ kind: 'CREDIT_NOTE' }), [line(1, { lineAmount: '40' })], null, approvedAt);
    expect(fact.lines[0].amount).toBe('-40.00');
  });
});
