import Decimal from 'decimal.js';
import type { InvoiceLineLoyalty, InvoiceSpendFact } from '../insights/spend-facts.types';
import type { InvoiceEntity, InvoiceLineEntity } from './invoicing.entities';

/**
 * The approved invoice or credit note as insights keeps it (SpendFacts.invoiceApproved): each
 * line's amount excluding VAT (negative for a credit note) with the loyalty of the order line it
 * was matched to; a line without an order line (an invoice without order, or a line approved
 * although it is on no order line) is off-catalogue spend. Document-level allowances and charges
 * stay out of the line facts: they belong to no category. Pure.
 */
/** What of an order line the fact needs (its loyalty decided when it was ordered). */
export interface OrderLineForSpend {
  id: number;
  unspscCode: string;
  loyalty: 'ON_AGREEMENT' | 'OFF_AGREEMENT' | 'NOT_COVERED';
  agreementId: number | null;
  /** Whether the item was eco-labelled when ordered (null: a free-text line, unknown). */
  ecoLabelled: boolean | null;
}

export function invoiceSpendFact(
  invoice: InvoiceEntity,
  lines: readonly InvoiceLineEntity[],
  order: { submittedAt: Date; lines: readonly OrderLineForSpend[] } | null,
  approvedAt: Date,
): InvoiceSpendFact {
  const orderLines = new Map((order?.lines ?? []).map((l) => [l.id, l]));
  const sign = invoice.kind === 'CREDIT_NOTE' ? -1 : 1;
  return {
    invoiceId: invoice.id,
    kind: invoice.kind,
    invoiceNumber: invoice.invoiceNumber,
    buyerOrganisationId: invoice.buyerOrganisationId,
    supplierId: invoice.supplierId,
    agreementId: invoice.agreementId,
    orderId: invoice.orderId,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    receivedAt: invoice.receivedAt,
    approvedAt,
    orderSubmittedAt: order?.submittedAt ?? null,
    lines: lines.map((l) => {
      const orderLine = l.orderLineId === null ? undefined : orderLines.get(l.orderLineId);
      const loyalty: InvoiceLineLoyalty = orderLine?.loyalty ?? 'OFF_CATALOGUE';
      return {
        invoiceLineId: l.id,
        orderLineId: orderLine?.id ?? null,
        unspscCode: orderLine?.unspscCode ?? l.unspscCode,
        quantity: l.quantity,
        unitCode: l.unitCode,
        amount: new Decimal(l.lineAmount).times(sign).toFixed(2),
        loyalty,
        agreementId: orderLine?.agreementId ?? invoice.agreementId,
        ecoLabelled: orderLine?.ecoLabelled ?? null,
      };
    }),
  };
}
