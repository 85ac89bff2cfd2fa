import { Injectable } from '@nestjs/common';
import { OutboundDocuments } from '../exchange/outbound/outbound-documents.service';
import { RequestContext } from '../platform/context/request-context';
import { notFound } from '../platform/errors/domain-error';
import { byKey, requestLoader } from '../platform/graphql/request-loader';
import { InvoiceResponseRepository, InvoiceResponseRow } from './invoice-response.repository';
import { InvoiceResponse } from './invoice-response.types';
import { INVOICE_RESPONSE_DOCUMENT, invoiceResponseRef } from './invoice-responses.service';
import { InvoicesService } from './invoices.service';

const view = (r: InvoiceResponseRow): InvoiceResponse => ({ ...r, documentPath: `/invoices/${r.invoiceId}/responses/${r.id}/document` });

/**
 * What was answered about an invoice, to those who see the invoice (InvoicesService: its
 * supplier, and its buyer organisation or one above it). Anyone else is told NOT_FOUND, as if the
 * invoice did not exist.
 */
@Injectable()
export class InvoiceResponseViews {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly rows: InvoiceResponseRepository,
    private readonly outbound: OutboundDocuments,
  ) {}

  async list(ctx: RequestContext, invoiceId: number): Promise<InvoiceResponse[]> {
    await this.invoices.invoice(ctx, invoiceId);
    return this.ofVisibleInvoice(ctx, invoiceId);
  }

  /** The responses of an invoice the caller was shown already (a field of Invoice), batched over a request. */
  ofVisibleInvoice(ctx: RequestContext, invoiceId: number): Promise<InvoiceResponse[]> {
    return requestLoader<number, InvoiceResponse[]>(ctx, 'invoice-responses', async (ids) =>
      byKey(
        ids,
        await this.rows.ofInvoices(ctx, [...ids]),
        (r) => r.invoiceId,
        (rs) => rs.map(view),
        [],
      ),
    ).load(invoiceId);
  }

  /** The response document exactly as it was sent. */
  async document(ctx: RequestContext, invoiceId: number, responseId: number): Promise<{ documentId: string; xml: string }> {
    await this.invoices.invoice(ctx, invoiceId);
    const response = await this.rows.find(ctx, invoiceId, responseId);
    const doc = response && (await this.outbound.latestFor(ctx, INVOICE_RESPONSE_DOCUMENT, invoiceResponseRef(response.id)));
    if (!response || !doc) throw notFound('Invoice response', responseId);
    return { documentId: response.documentId, xml: doc.xml };
  }
}
