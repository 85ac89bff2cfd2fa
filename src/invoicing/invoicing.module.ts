import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { BuyerSetupModule } from '../identity/buyer-setup/buyer-setup.module';
import { IdentityModule } from '../identity/identity.module';
import { OrderingModule } from '../ordering/ordering.module';
import { InvoiceRepository } from './invoice.repository';
import { MatchPolicyRepository } from './match-policy.repository';
import { PostingExportRepository } from './posting-export.repository';
import { PostingExportsController } from './posting-exports.controller';
import { PostingExportsResolver } from './posting-exports.resolver';
import { PostingExports } from './posting-exports.service';
import { PostingRows } from './posting-rows';

/** Invoicing: received invoices and credit notes, matching against orders, receipts and agreements, and accounts payable's decisions. */
@Module({
  imports: [IdentityModule, BuyerSetupModule, OrderingModule, AgreementsModule],
  controllers: [PostingExportsController],
  providers: [InvoiceRepository, MatchPolicyRepository, PostingExportRepository, PostingRows, PostingExports, PostingExportsResolver],
})
export class InvoicingModule {}
