import { InvoiceEntity, InvoiceLineEntity, InvoiceMatchReasonEntity, InvoiceVatSubtotalEntity } from './invoicing.entities';
import { Invoice, InvoiceKindValue, InvoiceLine, InvoiceMatchReason, InvoiceVatSubtotal, LineMatchStatusValue, MatchModeValue } from './invoice.types';

/** The API's Invoice; a supplier is not shown the buyer's reason for a decision (it gets its Invoice Response). */
export function toInvoice(i: InvoiceEntity, viewer: 'buyer' | 'supplier'): Invoice {
  return {
    id: i.id,
    kind: InvoiceKindValue[i.kind],
    number: i.invoiceNumber,
    typeCode: i.typeCode,
    status: i.status,
    version: i.version,
    supplierId: i.supplierId,
    buyerOrganisationId: i.buyerOrganisationId,
    orderId: i.orderId,
    agreementId: i.agreementId,
    creditedInvoiceId: i.creditedInvoiceId,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    currency: i.currency,
    buyerReference: i.buyerReference,
    orderReference: i.orderReference,
    contractReference: i.contractReference,
    accountingCost: i.accountingCost,
    lineExtensionAmount: i.lineExtensionAmount,
    taxExclusiveAmount: i.taxExclusiveAmount,
    taxAmount: i.taxAmount,
    taxInclusiveAmount: i.taxInclusiveAmount,
    payableAmount: i.payableAmount,
    matchMode: i.matchMode ? MatchModeValue[i.matchMode] : null,
    matchedAt: i.matchedAt,
    decidedByUserId: viewer === 'buyer' ? i.decidedByUserId : null,
    decidedAt: i.decidedAt,
    decisionReason: viewer === 'buyer' ? i.decisionReason : null,
    responseCode: i.responseCode,
    paidOn: i.paidOn,
    paymentReference: i.paymentReference,
    paidAmount: i.paidAmount,
    documentPath: i.receivedDocumentId === null ? null : `/invoices/${i.id}/document`,
    receivedAt: i.receivedAt,
  };
}

export function toInvoiceLine(l: InvoiceLineEntity): InvoiceLine {
  return {
    lineId: l.lineId,
    itemName: l.itemName,
    sellerItemId: l.sellerItemId,
    gtin: l.gtin,
    unspscCode: l.unspscCode,
    quantity: l.quantity,
    unitCode: l.unitCode,
    netUnitPrice: l.netUnitPrice,
    baseQuantity: l.baseQuantity,
    lineAmount: l.lineAmount,
    vatCategory: l.vatCategory,
    vatRate: l.vatRate,
    orderLineRef: l.orderLineRef,
    orderLineId: l.orderLineId,
    matchStatus: l.matchStatus ? LineMatchStatusValue[l.matchStatus] : null,
  };
}

export function toMatchReason(r: InvoiceMatchReasonEntity, lineIdOf: (invoiceLineId: number) => string | undefined): InvoiceMatchReason {
  return {
    code: r.code,
    message: r.message,
    lineId: r.invoiceLineId === null ? null : (lineIdOf(r.invoiceLineId) ?? null),
    expected: r.expected,
    actual: r.actual,
    difference: r.difference,
    differenceNok: r.differenceNok,
  };
}

export function toVatSubtotal(s: InvoiceVatSubtotalEntity): InvoiceVatSubtotal {
  return { category: s.category, rate: s.rate, taxableAmount: s.taxableAmount, taxAmount: s.taxAmount };
}
