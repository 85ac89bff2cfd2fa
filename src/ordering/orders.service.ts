import Decimal from 'decimal.js';
import { plainQuantity } from './receiving-view';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../identity/role';
import { AuditService } from '../platform/audit/audit.service';
import { Outbox } from '../platform/outbox/outbox';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { notFound } from '../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../platform/graphql/connection';
import { Money } from '../platform/money/money';
import { OutboundDocuments } from '../exchange/outbound/outbound-documents.service';
import { lineAmount } from './cart-totals';
import { deliveredLines } from './order-spend-fact';
import { OrderCommitments } from './order-commitments';
import { OrderSpend } from './order-spend';
import { ORDER_DOCUMENT, orderRef } from './order-outbound';
import { ORDER_PROGRESSED, OrderProgressed } from './order-progress';
import { OrderMachine, orderMachine, orderName } from './order.machine';
import { COMMITTED_STATES, OrderEvent, OrderStatus } from './order-status';
import { CancelOrderInput, CloseOrderInput, OrderStateError, OrderVersionConflictError, OrdersArgs } from './order.types';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { PurchaseOrderEntity } from './purchase-order.entity';
import { OrderListScope, PurchaseOrderRepository } from './purchase-order.repository';

/** An order as invoicing matches against it: locked, with its lines as agreed. */
export interface OrderForInvoice {
  order: PurchaseOrderEntity;
  lines: PurchaseOrderLineEntity[];
  /** What each line has received so far, net of returns (plain decimal text, by index of `lines`), read under the order's lock. */
  received: string[];
  /** What each line has had returned of it (plain decimal text, by index of `lines`): received gross minus net. */
  returned: string[];
  /** The buyer closed the order: what was not delivered will not come. */
  closed: boolean;
}

/** Buyer roles that see every order of their organisation; a REQUESTER alone sees their own. */
const ORGANISATION_WIDE = [Role.APPROVER, Role.PURCHASER, Role.ADMIN];

/**
 * Orders as their parties see them, and the steps every ordering service takes the same way:
 * finding an order the caller may act on (an outsider is told NOT_FOUND: existence is not
 * revealed), checking the version the caller read, and moving it through the state table.
 */
@Injectable()
export class OrdersService {
  readonly machine: OrderMachine;

  constructor(
    private readonly ds: DataSource,
    private readonly orders: PurchaseOrderRepository,
    private readonly commitments: OrderCommitments,
    private readonly outbound: OutboundDocuments,
    private readonly outbox: Outbox,
    private readonly spend: OrderSpend,
    audit: AuditService,
  ) {
    this.machine = orderMachine(audit, (tx, order) => this.orders.save(tx, order));
  }

  /** An order the caller may see, with its lines. */
  async order(ctx: RequestContext, id: number): Promise<PurchaseOrderEntity> {
    const order = await this.orders.find(ctx, id);
    if (!order || !this.maySee(ctx, order)) throw notFound('Order', id);
    return order;
  }

  lines(ctx: RequestContext, orderId: number) {
    return this.orders.lines(ctx, orderId);
  }

  linesOf(ctx: RequestContext, orderIds: readonly number[]) {
    return this.orders.linesOf(ctx, orderIds);
  }

  /** Every UNSPSC code an order line uses (the UNSPSC re-import keeps those codes). */
  unspscCodesInUse(tx: RequestContext): Promise<string[]> {
    return this.orders.codesInUseHeld(tx);
  }

  /** A page of orders: a supplier's are those sent to it; the buyer side sees its organisation's (a REQUESTER alone, their own). */
  async list(ctx: RequestContext, args: OrdersArgs): Promise<Connection<PurchaseOrderEntity>> {
    const caller = ctx.user;
    let scope: OrderListScope;
    if (ctx.hasRole(Role.SUPPLIER_ADMIN)) scope = { supplierId: caller.organisationId };
    else {
      const own = args.mine || !ctx.hasRole(...ORGANISATION_WIDE);
      scope = { buyerOrganisationId: caller.organisationId, requesterUserId: own ? ctx.person.userId : undefined };
    }
    const offset = decodeOffset(args.after);
    const { rows, total } = await this.orders.list(ctx, scope, { statuses: args.status }, offset, args.first);
    return toConnection(rows, offset, args.first, total);
  }

  /**
   * The buyer takes an order back (from APPROVED up to CHANGED): its commitment is released, and
   * an order document that has not left yet is withdrawn. Once the supplier has it, cancelling
   * is recorded here; telling the supplier by an order cancellation document is not built yet.
   */
  async cancel(ctx: RequestContext, input: CancelOrderInput): Promise<PurchaseOrderEntity | OrderStateError | OrderVersionConflictError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.lockForOwnBuyer(tx, input.orderId);
      const stale = this.staleVersion(order, input.expectedVersion);
      if (stale) return stale;
      const unsent = order.status === OrderStatus.APPROVED;
      return this.fire(tx, order, 'cancel', {
        effect: async (o) => {
          if (unsent) await this.outbound.withdraw(tx, ORDER_DOCUMENT, orderRef(o));
        },
        audit: { reason: input.reason.trim() },
      });
    });
  }

  /**
   * The buyer says nothing more will come of an order (from ACCEPTED, PARTIALLY_RECEIVED or
   * RECEIVED): it becomes CLOSED, its commitment and agreement draw become the value delivered,
   * line by line (what was invoiced stays charged: the ledgers' charge rule), its ordered spend in
   * insights the same, and its waiting invoices are matched again, now against the goods received alone.
   */
  async close(ctx: RequestContext, input: CloseOrderInput): Promise<PurchaseOrderEntity | OrderStateError | OrderVersionConflictError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.lockForOwnBuyer(tx, input.orderId);
      const stale = this.staleVersion(order, input.expectedVersion);
      if (stale) return stale;
      const { lines, received } = await this.orders.linesWithReceived(tx, order.id);
      // Per line, what came of it and never more than was ordered (deliveredLines, as insights
      // counts it): more of one line does not stand in for less of another.
      const delivered = Money.sum(
        order.currency,
        deliveredLines(lines, received).map((l) => lineAmount({ ...l, currency: order.currency })),
      );
      return this.fire(tx, order, 'close', {
        effect: async (o) => {
          await this.commitments.settle(tx, o, delivered);
          // Insights' ordered spend becomes the value delivered too (per line, never above what was ordered).
          await this.spend.closed(tx, o, lines, received);
          await this.progressed(tx, o.id, 'order-closed');
        },
        audit: { reason: input.reason.trim(), delivered: delivered.toDecimalString() },
      });
    });
  }

  /**
   * Moves an order through the table (refusing with OrderStateError), and keeps its commitment
   * in step: leaving the committed states releases it (and withdraws its ordered spend from insights when it will not be bought).
   */
  async fire(
    tx: RequestContext,
    order: PurchaseOrderEntity,
    event: OrderEvent,
    step: { effect?: (o: PurchaseOrderEntity) => Promise<void> | void; audit?: Record<string, unknown> } = {},
  ): Promise<PurchaseOrderEntity | OrderStateError> {
    const wasCommitted = COMMITTED_STATES.has(order.status);
    return this.machine.fire<never>(tx, order, event, {
      audit: step.audit,
      effect: async (o, _from, to) => {
        await step.effect?.(o);
        // A closed order was bought in part: close() settles its commitment to what was delivered.
        if (wasCommitted && !COMMITTED_STATES.has(to) && to !== OrderStatus.CLOSED) {
          await this.commitments.release(tx, o);
          await this.spend.ended(tx, o, to);
        }
      },
    });
  }

  /** The order, locked, when the caller is of its buyer organisation with one of `roles`; NOT_FOUND otherwise. */
  async lockForBuyer(tx: RequestContext, id: number, roles: Role[]): Promise<PurchaseOrderEntity> {
    const order = await this.orders.lock(tx, id);
    if (!order || order.buyerOrganisationId !== tx.user.organisationId || !tx.hasRole(...roles)) throw notFound('Order', id);
    return order;
  }

  /** The order, locked, for a step its own requester or a PURCHASER/ADMIN of its organisation takes (cancel, close); NOT_FOUND otherwise. */
  private async lockForOwnBuyer(tx: RequestContext, id: number): Promise<PurchaseOrderEntity> {
    const order = await this.lockForBuyer(tx, id, [Role.REQUESTER, Role.PURCHASER, Role.ADMIN]);
    if (order.requesterUserId !== tx.person.userId && !tx.hasRole(Role.PURCHASER, Role.ADMIN)) throw notFound('Order', id);
    return order;
  }

  /** The order, locked, when the caller is its supplier and it has been sent; NOT_FOUND otherwise. */
  async lockForSupplier(tx: RequestContext, id: number): Promise<PurchaseOrderEntity> {
    const order = await this.orders.lock(tx, id);
    if (!order || order.supplierId !== tx.user.organisationId || !order.sentAt || !tx.hasRole(Role.SUPPLIER_ADMIN)) throw notFound('Order', id);
    return order;
  }

  /** Orders by id without a caller check, for a module that checked access to what names them (an invoice's order). */
  findMany(ctx: RequestContext, ids: readonly number[]): Promise<PurchaseOrderEntity[]> {
    return this.orders.findMany(ctx, ids);
  }

  /** The order, locked, for a step the system takes on no caller's behalf (its document was delivered); null when missing. */
  lockForSystem(tx: RequestContext, id: number): Promise<PurchaseOrderEntity | null> {
    return this.orders.lock(tx, id);
  }

  /**
   * The order with this number that the buyer organisation sent to the supplier, locked (an
   * invoice is matched against it; receipts and answers of the order wait their turn), with its
   * lines as agreed; null when there is none, so a supplier learns nothing of other orders.
   */
  async lockForInvoice(tx: RequestContext, o: { buyerOrganisationId: number; supplierId: number; orderNo: string }): Promise<OrderForInvoice | null> {
    const order = await this.orders.lockByOrderNo(tx, o.orderNo);
    if (!order || order.supplierId !== o.supplierId || order.buyerOrganisationId !== o.buyerOrganisationId || !order.sentAt) return null;
    return { order, closed: order.status === OrderStatus.CLOSED, ...(await this.linesWithReceived(tx, order.id)) };
  }

  /** The order by id, locked, with its lines, for re-matching its invoices (no caller's rights: the system's step); null when missing. */
  async lockForInvoicing(tx: RequestContext, orderId: number): Promise<OrderForInvoice | null> {
    const order = await this.orders.lock(tx, orderId);
    return order ? { order, closed: order.status === OrderStatus.CLOSED, ...(await this.linesWithReceived(tx, order.id)) } : null;
  }

  private async linesWithReceived(tx: RequestContext, orderId: number): Promise<Pick<OrderForInvoice, 'lines' | 'received' | 'returned'>> {
    const { lines, received, receivedGross } = await this.orders.linesWithReceived(tx, orderId);
    return { lines, received: received.map(plainQuantity), returned: receivedGross.map((gross, i) => plainQuantity(new Decimal(gross).minus(received[i]))) };
  }

  /** Announces (outbox, in `tx`) that the order moved so that its waiting invoices may match now. */
  progressed(tx: RequestContext, orderId: number, why: OrderProgressed['why']): Promise<void> {
    return this.outbox.enqueue(tx, ORDER_PROGRESSED, String(orderId), { orderId, why } satisfies OrderProgressed);
  }

  /** An OrderVersionConflictError when the caller read another version than the order has now. */
  staleVersion(order: PurchaseOrderEntity, expected: number | undefined): OrderVersionConflictError | null {
    if (expected === undefined || expected === order.version) return null;
    return OrderVersionConflictError.of(orderName(order), expected, order.version);
  }

  private maySee(ctx: RequestContext, order: PurchaseOrderEntity): boolean {
    const caller = ctx.user;
    if (order.supplierId === caller.organisationId) return !!order.sentAt && ctx.hasRole(Role.SUPPLIER_ADMIN);
    if (order.buyerOrganisationId !== caller.organisationId) return false;
    if (ctx.hasRole(...ORGANISATION_WIDE)) return true;
    return ctx.hasRole(Role.REQUESTER) && order.requesterUserId === caller.userId;
  }
}
