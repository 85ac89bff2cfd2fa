import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { Role } from '../identity/role';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction, RollBackWith } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { isErrorResult } from '../platform/results/error-result';
import { DespatchAdvicesService } from './despatch-advices.service';
import { GoodsReceiptRepository, GoodsReceiptWithLines } from './goods-receipt.repository';
import { UnknownOrderLineError } from './order-line.errors';
import { orderName } from './order.machine';
import { OrderLineState, OrderStateError, OrderVersionConflictError } from './order.types';
import { OrdersService } from './orders.service';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { eventAfterReceipt, LineReceiving, overReceipts, RECEIVABLE_ORDER_STATES, returnsBeyondReceived, UNRECEIVABLE_LINE_STATES } from './receiving';
import { plainQuantity } from './receiving-view';
import { LineNotReceivableError, OverReceiptError, ReceiveGoodsInput, ReturnBeyondReceivedError } from './receiving.types';

export type ReceiveGoodsOutcome =
  | { order: PurchaseOrderEntity; receipt: GoodsReceiptWithLines }
  | OverReceiptError
  | ReturnBeyondReceivedError
  | LineNotReceivableError
  | OrderStateError
  | UnknownOrderLineError
  | OrderVersionConflictError;

/** Who receives: the order's requester (REQUESTER) or any PURCHASER/ADMIN of the buyer organisation; the goods come to them. */
const RECEIVERS = [Role.REQUESTER, Role.PURCHASER, Role.ADMIN];

/**
 * Goods receipts: the buyer records what arrived (or went back), line by line, and the order
 * moves to PARTIALLY_RECEIVED or RECEIVED. Receipts of one order take turns on the order row's
 * lock, so what a line has received is summed exactly whatever arrives at once.
 */
@Injectable()
export class GoodsReceiptsService {
  constructor(
    private readonly ds: DataSource,
    private readonly orders: OrdersService,
    private readonly receipts: GoodsReceiptRepository,
    private readonly despatches: DespatchAdvicesService,
    private readonly audit: AuditService,
  ) {}

  async receive(ctx: RequestContext, input: ReceiveGoodsInput): Promise<ReceiveGoodsOutcome> {
    const asked = input.lines.map((l) => ({ lineId: l.lineId.trim(), quantity: new Decimal(String(l.quantity)), reason: l.reason?.trim() || null }));
    const twice = asked.map((l) => l.lineId).filter((id, i, all) => all.indexOf(id) !== i);
    if (twice.length) throw badInput(`Each order line may appear once in a receipt; line ${[...new Set(twice)].join(', ')} appears more than once`);
    if (asked.some((l) => l.quantity.isZero())) throw badInput('A receipt line’s quantity must not be 0');
    const unexplained = asked.filter((l) => l.quantity.isNegative() && !l.reason);
    if (unexplained.length) throw badInput(`A return needs a reason (line ${unexplained.map((l) => l.lineId).join(', ')})`);

    return inTransaction(this.ds, ctx, async (tx): Promise<ReceiveGoodsOutcome> => {
      const receiver = tx.person;
      const order = await this.orders.lockForBuyer(tx, input.orderId, RECEIVERS);
      if (order.requesterUserId !== receiver.userId && !tx.hasRole(Role.PURCHASER, Role.ADMIN)) throw notFound('Order', input.orderId);
      const stale = this.orders.staleVersion(order, input.expectedVersion ?? undefined);
      if (stale) return stale;
      if (!RECEIVABLE_ORDER_STATES.has(order.status))
        return OrderStateError.of(order.status, `${orderName(order)} is ${order.status}: goods can be received only once it is SENT, ACCEPTED or (PARTIALLY_)RECEIVED`);

      const orderLines = await this.orders.lines(tx, order.id);
      const byLineId = new Map(orderLines.map((l) => [String(l.lineNo), l]));
      const unknown = asked.filter((l) => !byLineId.has(l.lineId)).map((l) => l.lineId);
      if (unknown.length) return UnknownOrderLineError.of(orderName(order), unknown);
      const refused = asked.map((l) => byLineId.get(l.lineId)!).filter((l) => UNRECEIVABLE_LINE_STATES.has(l.status));
      if (refused.length)
        return Object.assign(new LineNotReceivableError(), {
          lines: refused.map((l) => ({ lineId: String(l.lineNo), status: OrderLineState[l.status] })),
          message: `Nothing is to be received on line ${refused.map((l) => `${l.lineNo} (${l.status})`).join(', ')} of ${orderName(order)}`,
        });
      if (input.despatchAdviceId !== undefined && input.despatchAdviceId !== null && !(await this.despatches.findOfOrder(tx, order.id, input.despatchAdviceId)))
        throw notFound('Despatch advice', input.despatchAdviceId);

      const receivedBefore = await this.receipts.receivedByLine(
        tx,
        orderLines.map((l) => l.id),
      );
      const before = (lineId: number) => new Decimal(receivedBefore.get(lineId) ?? '0');
      const receiving: LineReceiving[] = asked.map((l) => {
        const line = byLineId.get(l.lineId)!;
        return { lineId: l.lineId, ordered: new Decimal(line.quantity), receivedBefore: before(line.id), receiving: l.quantity };
      });
      const beyond = returnsBeyondReceived(receiving);
      if (beyond.length)
        return Object.assign(new ReturnBeyondReceivedError(), {
          lines: beyond.map((l) => ({ lineId: l.lineId, received: plainQuantity(l.receivedBefore), returning: plainQuantity(l.receiving.negated()) })),
          message: `A return cannot exceed what was received (line ${beyond.map((l) => l.lineId).join(', ')} of ${orderName(order)})`,
        });
      const over = overReceipts(receiving);
      if (over.length && !input.confirmOverReceipt)
        return Object.assign(new OverReceiptError(), {
          lines: over.map((l) => ({ lineId: l.lineId, ordered: plainQuantity(l.ordered), receivedBefore: plainQuantity(l.receivedBefore), receiving: plainQuantity(l.receiving) })),
          message: `Line ${over.map((l) => l.lineId).join(', ')} of ${orderName(order)} would receive more than ordered: confirm the over-receipt to record it`,
        });

      const overLines = new Set(over.map((l) => l.lineId));
      const receipt = await this.receipts.insert(
        tx,
        { orderId: order.id, receivedByUserId: receiver.userId, note: input.note?.trim() || null, despatchAdviceId: input.despatchAdviceId ?? null },
        asked.map((l) => ({ orderLineId: byLineId.get(l.lineId)!.id, quantity: l.quantity.toFixed(), reason: l.reason, overReceiptConfirmed: overLines.has(l.lineId) })),
      );
      const now = new Map(asked.map((l) => [byLineId.get(l.lineId)!.id, l.quantity]));
      const after = orderLines.map((l) => ({ ordered: new Decimal(l.quantity), receivedAfter: before(l.id).plus(now.get(l.id) ?? 0), status: l.status }));
      const details = {
        goodsReceiptId: receipt.receipt.id,
        lines: asked.map((l) => ({ lineId: l.lineId, quantity: l.quantity.toFixed(), ...(l.reason ? { reason: l.reason } : {}), ...(overLines.has(l.lineId) ? { overReceiptConfirmed: true } : {}) })),
      };
      const event = eventAfterReceipt(
        order.status,
        after,
        asked.some((l) => l.quantity.isNegative()),
      );
      if (event) {
        const moved = await this.orders.fire(tx, order, event, { audit: details });
        // The receivable states all allow the step chosen; should the table change, nothing of the receipt stays.
        if (isErrorResult(moved)) throw new RollBackWith(moved);
      } else await this.audit.record(tx, 'order.goods-recorded', 'purchase_order', order.id, details);
      await this.orders.progressed(tx, order.id, 'goods-received');
      return { order, receipt };
    });
  }

  /** What each order line has received (net of returns), by order line id: "0" for none (batched field resolver). */
  async receivedOfLines(ctx: RequestContext, orderLineIds: readonly number[]): Promise<string[]> {
    const received = await this.receipts.receivedByLine(ctx, orderLineIds);
    return orderLineIds.map((id) => plainQuantity(received.get(id) ?? '0'));
  }

  /** The receipts of several orders, by order id (batched field resolvers). */
  ofOrders(ctx: RequestContext, orderIds: readonly number[]): Promise<Map<number, GoodsReceiptWithLines[]>> {
    return this.receipts.ofOrders(ctx, orderIds);
  }
}
