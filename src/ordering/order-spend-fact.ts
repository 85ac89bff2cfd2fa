import Decimal from 'decimal.js';
import type { OrderSpendFact } from '../insights/spend-facts.types';
import { lineAmount } from './cart-totals';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { plainQuantity } from './receiving-view';

/**
 * The approved order as insights keeps it (SpendFacts.orderApproved): every line the buyer did
 * not take out, with the amount it commits and its agreement loyalty as decided when added.
 */
export function orderSpendFact(order: PurchaseOrderEntity, lines: readonly PurchaseOrderLineEntity[], supplierName: string | null): OrderSpendFact {
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

/**
 * A closed order's lines as bought (its spend fact at the close, OrderSpend.closed): what was not
 * delivered will not come, so it was never bought. Each line's quantity becomes what was received
 * of it, net of returns (`received`, by index of `lines`: the figures the close settles the
 * commitment with), at the line's price; a line of which nothing is kept is left out, so insights
 * withdraws it as it withdraws a line the buyer took out. An over-received line keeps its ordered
 * quantity: like `settledAmount`, closing never books more than the order held.
 */
export function deliveredLines(lines: readonly PurchaseOrderLineEntity[], received: readonly string[]): PurchaseOrderLineEntity[] {
  if (received.length !== lines.length) throw new Error(`${lines.length} order lines but ${received.length} received quantities`);
  return lines.flatMap((l, i) => {
    const kept = new Decimal(received[i]);
    if (kept.lte(0)) return [];
    return [{ ...l, quantity: kept.lt(l.quantity) ? plainQuantity(kept) : l.quantity }];
  });
}
