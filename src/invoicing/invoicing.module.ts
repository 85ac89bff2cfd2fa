import { Module } from '@nestjs/common';
import { InvoiceRepository } from './invoice.repository';
import { MatchPolicyRepository } from './match-policy.repository';

/** Invoicing: received invoices and credit notes, matching against orders, receipts and agreements, and accounts payable's decisions. */
@Module({
  providers: [InvoiceRepository, MatchPolicyRepository],
})
export class InvoicingModule {}
