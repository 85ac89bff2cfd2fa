import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../identity/role';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput } from '../platform/errors/domain-error';
import { orderName } from './order.machine';
import { OrderStateError } from './order.types';
import { OrdersService } from './orders.service';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/**
 * Getting an approved order to its supplier. A supplier registered in Torg gets the order as an
 * EHF/PEPPOL document through the outbound transport; an order to a supplier named only in free
 * text is placed outside Torg, and the buyer records that it was.
 */
@Injectable()
export class OrderDispatch {
  constructor(
    private readonly ds: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /** Called in the approving transaction. */
  async approved(_tx: RequestContext, order: PurchaseOrderEntity): Promise<void> {
    if (order.supplierId === null) return; // placed outside Torg: see recordPlacedOutside
  }

  /** The buyer placed an order to a supplier outside Torg (by phone, e-mail, a web shop): it counts as sent. */
  async recordPlacedOutside(ctx: RequestContext, orderId: number, note: string): Promise<PurchaseOrderEntity | OrderStateError> {
    const text = note.trim();
    if (text.length < 3) throw badInput('note must say how and where the order was placed (at least 3 characters)', { field: 'note' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.orders.lockForBuyer(tx, orderId, [Role.REQUESTER, Role.PURCHASER, Role.ADMIN]);
      if (order.supplierId !== null) throw badInput(`${orderName(order)} goes to a supplier in Torg and is sent as a document, not placed by hand`, { field: 'orderId' });
      return this.orders.fire(tx, order, 'send', { effect: (o) => void (o.sentAt = new Date()), audit: { placedOutside: text } });
    });
  }
}
