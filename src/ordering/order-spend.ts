import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service';
import { SpendFacts } from '../insights/spend-facts';
import type { RequestContext } from '../platform/context/request-context';
import { deliveredLines, orderSpendFact } from './order-spend-fact';
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
    await this.facts.orderApproved(tx, orderSpendFact(order, lines, await this.supplierName(tx, order)));
  }

  /**
   * The buyer closed the order: nothing more will come, so the part not delivered was never
   * bought, and its ordered spend becomes what was received of each line (net of returns, by index
   * of `lines`), never more than ordered (`deliveredLines`): otherwise ordered spend, loyalty and
   * leakage would count goods that never came.
   */
  async closed(tx: RequestContext, order: PurchaseOrderEntity, lines: readonly PurchaseOrderLineEntity[], received: readonly string[]): Promise<void> {
    await this.facts.orderClosed(tx, orderSpendFact(order, deliveredLines(lines, received), await this.supplierName(tx, order)));
  }

  /** The order left the committed states for `to`: when it will not be bought (cancelled, declined), its spend is withdrawn. */
  async ended(tx: RequestContext, order: PurchaseOrderEntity, to: OrderStatus): Promise<void> {
    if (NOT_BOUGHT.has(to)) await this.facts.orderCancelled(tx, order.id);
  }

  /** The supplier as ordered from: its name in free text, else the registered supplier's; null when the requester named none. */
  private async supplierName(tx: RequestContext, order: PurchaseOrderEntity): Promise<string | null> {
    if (order.supplierName !== null) return order.supplierName;
    return order.supplierId === null ? null : (await this.identity.organisation(tx, order.supplierId)).name;
  }
}
