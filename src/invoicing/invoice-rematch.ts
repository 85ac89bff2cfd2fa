import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ORDER_PROGRESSED, OrderProgressed } from '../ordering/order-progress';
import { OrdersService } from '../ordering/orders.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { OutboxHandlers, OutboxMessage } from '../platform/outbox/outbox-handlers';
import { OPEN_INVOICE_STATES } from './invoice-status';
import { InvoiceMatching } from './invoice-matching.service';
import { InvoiceRepository } from './invoice.repository';

/**
 * When an order moves (goods received, the supplier's answer accepted), its undecided invoices
 * (WAITING, EXCEPTION) are matched again, from the outbox. The order is locked first, as intake
 * locks it, so a receipt and an invoice arriving together are matched one after the other: the
 * invoice sees the receipt, or this re-match sees the invoice. An invoice decided meanwhile is
 * left alone, so running twice changes nothing more (at least once delivery).
 */
@Injectable()
export class InvoiceRematch implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly orders: OrdersService,
    private readonly invoices: InvoiceRepository,
    private readonly matching: InvoiceMatching,
  ) {}

  onModuleInit() {
    this.handlers.register<OrderProgressed>({ topic: ORDER_PROGRESSED, coalesce: true, handle: (m) => this.handle(m) });
  }

  private async handle(message: OutboxMessage<OrderProgressed>): Promise<void> {
    await this.rematchOrder(Number(message.key));
  }

  /** Re-matches the order's open invoices, oldest first; how many were matched. */
  rematchOrder(orderId: number): Promise<number> {
    return inTransaction(this.ds, new RequestContext(undefined, this.ds.manager), async (tx) => {
      const order = await this.orders.lockForInvoicing(tx, orderId);
      if (!order) return 0;
      let matched = 0;
      for (const id of await this.invoices.openOfOrder(tx, orderId)) {
        const invoice = await this.invoices.lock(tx, id);
        if (!invoice || !OPEN_INVOICE_STATES.includes(invoice.status)) continue;
        await this.matching.matchAndDecide(tx, invoice, await this.invoices.lines(tx, id), order);
        matched++;
      }
      return matched;
    });
  }
}
