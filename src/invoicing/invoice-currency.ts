import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import type { OrderForInvoice } from '../ordering/orders.service';
import { RequestContext } from '../platform/context/request-context';
import type { NewMatchReason } from './invoice.repository';
import type { InvoiceEntity } from './invoicing.entities';

/** Torg matches amounts in NOK only: budgets, ceilings and tolerances are kept in NOK, and it has no exchange rates. */
export const MATCHABLE_CURRENCY = 'NOK';

/** What the invoice's currency is compared with: its order's, else its agreement's (for an invoice without order). */
export interface CurrencyBasis {
  order: { orderNo: string; currency: string } | null;
  agreement: { reference: string; currency: string } | null;
}

const reason = (message: string, expected: string | null, actual: string): NewMatchReason => ({
  invoiceLineId: null,
  code: 'CURRENCY',
  message,
  expected,
  actual,
  difference: null,
  differenceNok: null,
});

const DECIDES = 'so its amounts cannot be compared: accounts payable decides (approve with a reason, query or dispute)';

/**
 * Why an invoice's currency stops matching, precisely: it differs from its order's (or, without
 * an order, its agreement's), or order and invoice agree on a currency Torg does not match in.
 * Null when the invoice is in NOK like what it is matched against. Pure.
 */
export function currencyReason(invoiceCurrency: string, basis: CurrencyBasis): NewMatchReason | null {
  const { order, agreement } = basis;
  if (order && order.currency !== invoiceCurrency) return reason(`Order ${order.orderNo} is in ${order.currency}, the invoice in ${invoiceCurrency}, ${DECIDES}`, order.currency, invoiceCurrency);
  if (!order && agreement && agreement.currency !== invoiceCurrency)
    return reason(`Agreement ${agreement.reference} is in ${agreement.currency}, the invoice in ${invoiceCurrency}, ${DECIDES}`, agreement.currency, invoiceCurrency);
  if (invoiceCurrency === MATCHABLE_CURRENCY) return null;
  const named = order ? `order ${order.orderNo}` : agreement ? `agreement ${agreement.reference}` : null;
  return reason(
    named
      ? `The invoice and ${named} are in ${invoiceCurrency}; Torg matches in ${MATCHABLE_CURRENCY} only (no exchange rates), ${DECIDES}`
      : `The invoice is in ${invoiceCurrency} and has neither order nor agreement to compare it with; Torg matches in ${MATCHABLE_CURRENCY} only, ${DECIDES}`,
    named ? null : MATCHABLE_CURRENCY,
    invoiceCurrency,
  );
}

/** Gathers the currency basis of an invoice: the agreement is read only for an invoice without order that names one (off the hot path of invoices against orders). */
@Injectable()
export class InvoiceCurrency {
  constructor(private readonly agreements: AgreementsService) {}

  async reason(tx: RequestContext, invoice: InvoiceEntity, order: OrderForInvoice | null): Promise<NewMatchReason | null> {
    const orderBasis = order ? { orderNo: order.order.orderNo ?? `#${order.order.id}`, currency: order.order.currency } : null;
    // With an order, the order decides (no read). Without one, even a NOK invoice is compared with
    // its agreement's currency: an agreement in EUR makes a NOK invoice as incomparable as the reverse.
    if (invoice.currency === MATCHABLE_CURRENCY && order?.order.currency === MATCHABLE_CURRENCY) return null;
    if (invoice.currency === MATCHABLE_CURRENCY && !order && invoice.agreementId === null) return null;
    let agreement: CurrencyBasis['agreement'] = null;
    if (!order && invoice.agreementId !== null) {
      const standing = (await this.agreements.standing(tx, [invoice.agreementId])).get(invoice.agreementId);
      if (standing) agreement = { reference: standing.reference, currency: standing.currency };
    }
    return currencyReason(invoice.currency, { order: orderBasis, agreement });
  }
}
