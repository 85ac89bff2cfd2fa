import { Logger } from '@nestjs/common';
import { OutboundDelivery, OutboundTransport } from './outbound-transport';

/** Sends nothing: logs that a document would leave (tests, and a development run that wants no files). */
export class LogTransport implements OutboundTransport {
  readonly name = 'log';
  private readonly logger = new Logger('OutboundDocuments');

  deliver(doc: OutboundDelivery): Promise<{ reference?: string }> {
    this.logger.log(`${doc.documentType} ${doc.documentId} to ${doc.receiver.schemeId}:${doc.receiver.value} (${doc.xml.length} characters): not sent, OUTBOUND_TRANSPORT=log`);
    return Promise.resolve({});
  }
}
