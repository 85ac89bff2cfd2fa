import { Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentHandlers } from '../exchange/document-handlers';
import { ReceivedDocuments } from '../exchange/received-documents.service';
import { RequestContext } from '../platform/context/request-context';
import { notFound } from '../platform/errors/domain-error';
import { InvoiceRepository } from './invoice.repository';
import { InvoicesService } from './invoices.service';

/**
 * An invoice and the document it came as: exchange stores the received XML after intake applied
 * it, and tells us (onStored) in the same transaction, so `invoice.received_document_id` is set
 * whenever the invoice exists. Its supplier and buyer read the XML back exactly as received.
 */
@Injectable()
export class InvoiceReceivedDocument implements OnModuleInit {
  constructor(
    private readonly handlers: DocumentHandlers,
    private readonly received: ReceivedDocuments,
    private readonly invoices: InvoiceRepository,
    private readonly reading: InvoicesService,
  ) {}

  onModuleInit() {
    for (const type of ['Invoice', 'CreditNote'] as const)
      this.handlers.onStored(type, (tx, { resultId, receivedDocumentId }) => this.invoices.linkReceivedDocument(tx, Number(resultId), receivedDocumentId));
  }

  /** The invoice's document as received; NOT_FOUND for an invoice the caller does not see or one with no stored document. */
  async document(ctx: RequestContext, invoiceId: number): Promise<{ documentId: string; xml: Buffer }> {
    const { invoice } = await this.reading.invoice(ctx, invoiceId);
    const doc = invoice.receivedDocumentId === null ? undefined : await this.received.content(ctx, invoice.receivedDocumentId);
    if (!doc) throw notFound('Document of invoice', invoiceId);
    return { documentId: doc.documentId, xml: doc.content };
  }
}
