import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { CommitmentsService } from '../identity/buyer-setup/commitments.service';
import { RequestContext } from '../platform/context/request-context';
import { Money } from '../platform/money/money';
import { InvoiceRepository } from './invoice.repository';
import type { InvoiceEntity } from './invoicing.entities';

/**
 * What an approved invoice does to the buyer's ledgers: the order's commitment on its cost
 * centre, and its draw on the agreement's ceiling, become invoiced spend by the invoice's amount
 * excluding VAT; an approved credit note takes it back (invoiced never goes below 0). Each entry
 * charges its budget or ceiling the larger of what it committed and what was invoiced of it, so
 * an invoice approved above its order (a price variance, more than a closed order delivered)
 * counts in full against the next order. An invoice
 * without an order posts nothing, by choice: the cost centre ledger and the agreement's ceiling
 * hold commitments made when an order was approved (the ceiling is a check before buying), and
 * such an invoice has none to turn into invoiced; drawing on the ceiling after the fact could only
 * be refused or forced. It is off-catalogue spend, counted by insights (invoice-spend.ts).
 * Amounts in another currency than NOK are not posted to the NOK budgets.
 */
@Injectable()
export class InvoiceLedgers {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly agreements: AgreementsService,
    private readonly invoices: InvoiceRepository,
  ) {}

  async approved(tx: RequestContext, invoice: InvoiceEntity): Promise<void> {
    const orderId = invoice.orderId ?? (await this.creditedOrder(tx, invoice));
    if (orderId === null) return;
    const amount = Money.of(invoice.taxExclusiveAmount, invoice.currency).times(invoice.kind === 'CREDIT_NOTE' ? -1 : 1);
    const source = { type: 'ORDER', id: String(orderId) };
    const by = { type: invoice.kind, id: String(invoice.id) };
    // The agreement's ledger before the budget, in the order ordering takes them (OrderCommitments).
    if (invoice.agreementId !== null) await this.agreements.invoiceDraw(tx, source, amount, by);
    if (invoice.currency === 'NOK') await this.commitments.invoice(tx, source, amount, by);
  }

  /** A credit note without an order of its own corrects the order of the invoice it credits. */
  private async creditedOrder(tx: RequestContext, invoice: InvoiceEntity): Promise<number | null> {
    if (invoice.creditedInvoiceId === null) return null;
    return (await this.invoices.find(tx, invoice.creditedInvoiceId))?.orderId ?? null;
  }
}
