import type { OrderSpendFact } from '../insights/spend-facts.types';
import { lineAmount } from './cart-totals';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/**
 * The approved order as insights keeps it (SpendFacts.orderApproved): every line the buyer did
 * not take out, with the amount it commits and its agreement loyalty as decided when added.
 */
export function orderSpendFact(order: PurchaseOrderEntity, lines: readonly PurchaseOrderLineEntity[], supplierName: string): OrderSpendFact {
  if (!order.orderNo || !order.decidedAt) throw new Error(`order ${order.id} is not approved: no spend fact`);
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    buyerOrganisationId: order.buyerOrganisationId,
    supplierId: order.supplierId,
    supplierName,
    agreementId: order.agreementId,
    currency: order.currency,
    submittedAt: order.submittedAt,
    approvedAt: order.decidedAt,
    lines: lines
      .filter((l) => l.status !== 'CANCELLED')
      .map((l) => ({
        orderLineId: l.id,
        unspscCode: l.unspscCode,
        quantity: l.quantity,
        unitCode: l.unitCode,
        unitPrice: l.unitPrice,
        amount: lineAmount({ ...l, currency: order.currency }).toDecimalString(),
        loyalty: l.loyalty,
        agreementId: l.agreementId,
        coveringAgreementIds: l.coveringAgreementIds,
        justificationCode: l.justificationCode,
        justificationText: l.justificationText,
        catalogueItemId: l.catalogueItemId,
        ecoLabelled: l.ecoLabelled,
      })),
  };
}
