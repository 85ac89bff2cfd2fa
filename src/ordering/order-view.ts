import { lineAmount } from './cart-totals';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { customerReferenceSent } from './order-document';
import { ApprovalRouteKind, Order, OrderLine } from './order.types';

/** An order row as the API shows it; `lines` when they were read with it (else the field resolver reads them). */
export function toOrder(order: PurchaseOrderEntity, lines?: PurchaseOrderLineEntity[]): Order {
  return {
    id: order.id,
    requisitionNumber: order.requisitionNo,
    number: order.orderNo,
    status: order.status,
    version: order.version,
    buyerOrganisationId: order.buyerOrganisationId,
    requesterUserId: order.requesterUserId,
    supplierId: order.supplierId,
    supplierName: order.supplierName,
    agreementId: order.agreementId,
    costCentreId: order.costCentreId,
    budgetYear: order.budgetYear,
    accountingString: order.accountingString,
    deliveryAddressId: order.deliveryAddressId,
    wantedDeliveryDate: order.wantedDeliveryDate,
    noteToSupplier: order.noteToSupplier,
    customerReference: order.customerReference,
    invoiceReference: customerReferenceSent(order),
    currency: order.currency,
    lineExtensionAmount: order.lineExtensionAmount,
    vatAmount: order.vatAmount,
    taxInclusiveAmount: order.taxInclusiveAmount,
    approvalRoute: ApprovalRouteKind[order.approvalRoute],
    decidedByUserId: order.decidedByUserId,
    decidedOnBehalfOfUserId: order.decidedOnBehalfOf,
    decidedAt: order.decidedAt,
    decisionComment: order.decisionComment,
    budgetOverrideReason: order.budgetOverrideReason,
    submittedAt: order.submittedAt,
    sentAt: order.sentAt,
    lines: lines?.map((l) => toOrderLine(l, order.currency)),
  };
}

export function toOrderLine(line: PurchaseOrderLineEntity, currency: string): OrderLine {
  return {
    id: line.id,
    lineId: String(line.lineNo),
    kind: line.kind,
    name: line.name,
    unspscCode: line.unspscCode,
    quantity: line.quantity,
    unitCode: line.unitCode,
    price: line.unitPrice,
    vatRate: line.vatRate,
    lineAmount: lineAmount({ quantity: line.quantity, unitPrice: line.unitPrice, currency, vatRate: line.vatRate }).toDecimalString(),
    catalogueItemId: line.catalogueItemId,
    catalogueVersionId: line.catalogueVersionId,
    agreementId: line.agreementId,
    sellerItemId: line.sellerItemId,
    gtin: line.gtin,
    loyalty: line.loyalty,
    justificationCode: line.justificationCode,
    justificationText: line.justificationText,
    status: line.status,
    substituteSellerItemId: line.substituteSellerItemId,
    substituteName: line.substituteName,
    substituteGtin: line.substituteGtin,
  };
}
