import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CataloguesModule } from '../catalogues/catalogues.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { BuyerSetupModule } from '../identity/buyer-setup/buyer-setup.module';
import { IdentityModule } from '../identity/identity.module';
import { InsightsModule } from '../insights/insights.module';
import { OrderingModule } from '../ordering/ordering.module';
import { InvoiceAnswers } from './invoice-answers';
import { InvoiceDecisions } from './invoice-decisions.service';
import { InvoiceDocuments } from './invoice-documents';
import { InvoiceCurrency } from './invoice-currency';
import { InvoiceDocumentController } from './invoice-document.controller';
import { InvoiceLedgers } from './invoice-ledgers';
import { InvoiceReceivedDocument } from './invoice-received-document';
import { InvoicePayments } from './invoice-payments.service';
import { InvoiceQueryPaymentResolver } from './invoice-query-payment.resolver';
import { InvoiceMatching } from './invoice-matching.service';
import { InvoiceRematch } from './invoice-rematch';
import { InvoiceSpend } from './invoice-spend';
import { InvoiceResponseDocumentController } from './invoice-response-document.controller';
import { InvoiceResponseRepository } from './invoice-response.repository';
import { InvoiceResponseViews } from './invoice-response-views';
import { InvoiceResponses } from './invoice-responses.service';
import { InvoiceResponsesResolver } from './invoice-responses.resolver';
import { InvoiceRepository } from './invoice.repository';
import { MatchPolicyRepository } from './match-policy.repository';
import { MatchPolicySettings } from './match-policy-settings.service';
import { MatchPolicyResolver } from './match-policy.resolver';
import { MatchPolicies } from './match-policy.service';
import { InvoicesResolver } from './invoices.resolver';
import { InvoicesService } from './invoices.service';
import { PostingExportRepository } from './posting-export.repository';
import { PostingExportsController } from './posting-exports.controller';
import { PostingExportsResolver } from './posting-exports.resolver';
import { PostingExports } from './posting-exports.service';
import { PostingRows } from './posting-rows';
import { PortalInvoiceRequestRepository } from './portal-invoice-request.repository';
import { PortalInvoices } from './portal-invoices.service';
import { PortalInvoicesResolver } from './portal-invoices.resolver';

/** Invoicing: received invoices and credit notes, matching against orders, receipts and agreements, accounts payable's decisions, the answers to suppliers and the posting export. */
@Module({
  imports: [IdentityModule, BuyerSetupModule, AgreementsModule, CataloguesModule, ExchangeModule, OrderingModule, InsightsModule],
  controllers: [InvoiceResponseDocumentController, InvoiceDocumentController, PostingExportsController],
  providers: [
    InvoiceRepository,
    MatchPolicyRepository,
    MatchPolicies,
    MatchPolicySettings,
    MatchPolicyResolver,
    InvoiceAnswers,
    InvoiceLedgers,
    InvoiceCurrency,
    InvoiceMatching,
    InvoiceDocuments,
    InvoiceRematch,
    InvoiceSpend,
    InvoicesService,
    InvoiceDecisions,
    InvoicesResolver,
    InvoicePayments,
    InvoiceReceivedDocument,
    InvoiceQueryPaymentResolver,
    InvoiceResponseRepository,
    InvoiceResponses,
    InvoiceResponseViews,
    InvoiceResponsesResolver,
    PostingExportRepository,
    PostingRows,
    PostingExports,
    PostingExportsResolver,
    PortalInvoices,
    PortalInvoiceRequestRepository,
    PortalInvoicesResolver,
  ],
})
export class InvoicingModule {}
