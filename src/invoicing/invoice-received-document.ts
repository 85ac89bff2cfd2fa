import { Injectable } from '@nestjs/common';
import { ReceivedDocuments } from '../exchange/received-documents.service';
import { RequestContext } from '../platform/context/request-context';
import { notFound } from '../platform/errors/domain-error';
import { InvoicesService } from './invoices.service';

/**
 * An invoice and the document it came as: the intake stores the invoice with the id exchange
 * will store the received XML under after it, in the same transaction (migration 188 checks the
 * reference at commit), so `invoice.received_document_id` is set whenever the invoice exists.
 * Its supplier and buyer read the XML back exactly as received.
 */
@Injectable()
export class InvoiceReceivedDocument {
  constructor(
    private readonly received: ReceivedDocuments,
    private readonly reading: InvoicesService,
  ) {}

  /** The invoice's document as received; NOT_FOUND for an invoice the caller does not see or one with no stored document. */
  async document(ctx: RequestContext, invoiceId: number): Promise<{ documentId: string; xml: Buffer }> {
    const { invoice } = await this.reading.invoice(ctx, invoiceId);
    const doc = invoice.receivedDocumentId === null ? undefined : await this.received.content(ctx, invoice.receivedDocumentId);
    if (!doc) throw notFound('Document of invoice', invoiceId);
    return { documentId: doc.documentId, xml: doc.content };
  }
}
