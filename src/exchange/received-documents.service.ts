import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { ReceivedDocumentRepository } from './received-document.repository';

/**
 * Reading received documents back, for the domain that applied them: it decides who may see one
 * (exchange knows no domain), then asks for the bytes exactly as received.
 */
@Injectable()
export class ReceivedDocuments {
  constructor(private readonly rows: ReceivedDocumentRepository) {}

  content(ctx: RequestContext, receivedDocumentId: string): Promise<{ documentType: string; documentId: string; content: Buffer } | undefined> {
    return this.rows.content(ctx, receivedDocumentId);
  }
}
