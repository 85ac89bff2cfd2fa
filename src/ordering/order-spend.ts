import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service';
import { SpendFacts } from '../insights/spend-facts';
import type { RequestContext } from '../platform/context/request-context';
import { orderSpendFact } from './order-spend-fact';
import { OrderStatus } from './order-status';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/** States an approved order ends in without being bought: its ordered spend no longer counts. */
const NOT_BOUGHT: ReadonlySet<OrderStatus> = new Set([OrderStatus.CANCELLED, OrderStatus.DECLINED]);

/** Tells insights of ordered spend, in the transaction that approves, changes or ends an order (one outbox row each). */
@Injectable()
export class OrderSpend {
  constructor(
    private readonly facts: SpendFacts,
    private readonly identity: IdentityService,
  ) {}

  /** The order was approved, or the supplier's changes to it accepted: its lines as they stand now. */
  async approved(tx: RequestContext, order: PurchaseOrderEntity, lines: readonly PurchaseOrderLineEntity[]): Promise<void> {
    const supplierName = order.supplierName ?? (await this.identity.organisation(tx, order.supplierId!)).name;
    await this.facts.orderApproved(tx, orderSpendFact(order, lines, supplierName));
  }

  /** The order left the committed states for `to`: when it will not be bought (cancelled, declined), its spend is withdrawn. */
  async ended(tx: RequestContext, order: PurchaseOrderEntity, to: OrderStatus): Promise<void> {
    if (NOT_BOUGHT.has(to)) await this.facts.orderCancelled(tx, order.id);
  }
}
