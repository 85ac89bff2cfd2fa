import { Injectable } from '@nestjs/common';
import { SpendFacts } from '../insights/spend-facts';
import type { InvoiceMatchStatus } from '../insights/spend-facts.types';
import { OrdersService } from '../ordering/orders.service';
import type { OrderForInvoice } from '../ordering/orders.service';
import type { RequestContext } from '../platform/context/request-context';
import { InvoiceRepository } from './invoice.repository';
import { invoiceSpendFact } from './invoice-spend-fact';
import type { InvoiceEntity, InvoiceLineEntity } from './invoicing.entities';

/** Tells insights of invoices, in the transaction that matches or approves them (one outbox row each). */
@Injectable()
export class InvoiceSpend {
  constructor(
    private readonly facts: SpendFacts,
    private readonly invoices: InvoiceRepository,
    private readonly orders: OrdersService,
  ) {}

  /** The outcome of a (re-)match: the exception rate by reason counts it. */
  matched(tx: RequestContext, invoice: InvoiceEntity, status: InvoiceMatchStatus, reasonCodes: readonly string[]): Promise<void> {
    return this.facts.invoiceMatched(tx, matchFact(invoice, status, reasonCodes));
  }

  /**
   * The invoice was approved (by matching or by a person): invoiced spend from now on. Matching
   * passes the lines (as it stored them) and the order it holds locked; a person's approval
   * leaves them to be read here.
   */
  async approved(tx: RequestContext, invoice: InvoiceEntity, known?: KnownToMatching): Promise<void> {
    await this.facts.invoiceApproved(tx, await this.spendFact(tx, invoice, known));
  }

  /** A match that approved the invoice at once: both facts in one message to insights. */
  async matchedAndApproved(tx: RequestContext, invoice: InvoiceEntity, reasonCodes: readonly string[], known?: KnownToMatching): Promise<void> {
    await this.facts.invoiceMatchedAndApproved(tx, matchFact(invoice, 'MATCHED', reasonCodes), await this.spendFact(tx, invoice, known));
  }

  private async spendFact(tx: RequestContext, invoice: InvoiceEntity, known: KnownToMatching | undefined) {
    const lines = known?.lines ?? (await this.invoices.linesOf(tx, [invoice.id])).get(invoice.id) ?? [];
    // Locked already by the match or decision in this transaction (the order before its invoices).
    const order = known ? known.order : invoice.orderId === null ? null : await this.orders.lockForInvoicing(tx, invoice.orderId);
    const orderFacts = order ? { submittedAt: order.order.submittedAt, lines: order.lines } : null;
    return invoiceSpendFact(invoice, lines, orderFacts, invoice.decidedAt ?? tx.now());
  }
}

/** What matching holds of an invoice it decides: its lines as stored and its order, locked. */
export interface KnownToMatching {
  lines: readonly InvoiceLineEntity[];
  order: OrderForInvoice | null;
}

function matchFact(invoice: InvoiceEntity, status: InvoiceMatchStatus, reasonCodes: readonly string[]) {
  return {
    invoiceId: invoice.id,
    buyerOrganisationId: invoice.buyerOrganisationId,
    supplierId: invoice.supplierId,
    receivedAt: invoice.receivedAt,
    status,
    reasonCodes: [...new Set(reasonCodes)],
  };
}
