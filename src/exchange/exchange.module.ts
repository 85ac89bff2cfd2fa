import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { TORG_CONFIG, TorgConfig } from '../platform/config/config';
import { DocumentExchangeService } from './document-exchange.service';
import { DocumentHandlers } from './document-handlers';
import { DocumentsController } from './documents.controller';
import { OutboundDocumentRepository } from './outbound/outbound-document.repository';
import { OutboundDocuments } from './outbound/outbound-documents.service';
import { OUTBOUND_TRANSPORT } from './outbound/outbound-transport';
import { transportOfConfig } from './outbound/transport-of-config';
import { ReceivedDocumentRepository } from './received-document.repository';
import { ReceivedDocuments } from './received-documents.service';

/**
 * Document exchange with trading partners, knowing no domain: POST /documents hands each
 * received UBL document to the domain that registered its type (DocumentHandlers), and
 * OutboundDocuments sends documents out through the configured transport, via the outbox.
 */
@Module({
  imports: [
    // A document is kept whole anyway (stored, and handed to its handler), so a multipart file
    // is read into memory, bounded by DOCUMENT_MAX_BYTES.
    MulterModule.registerAsync({
      inject: [TORG_CONFIG],
      useFactory: (config: TorgConfig) => ({ storage: memoryStorage(), limits: { fileSize: config.exchange.documentMaxBytes, files: 1, fields: 10 } }),
    }),
  ],
  controllers: [DocumentsController],
  providers: [
    DocumentHandlers,
    DocumentExchangeService,
    ReceivedDocumentRepository,
    ReceivedDocuments,
    OutboundDocumentRepository,
    OutboundDocuments,
    { provide: OUTBOUND_TRANSPORT, inject: [TORG_CONFIG], useFactory: (config: TorgConfig) => transportOfConfig(config.exchange) },
  ],
  exports: [DocumentHandlers, DocumentExchangeService, OutboundDocuments, ReceivedDocuments],
})
export class ExchangeModule {}
