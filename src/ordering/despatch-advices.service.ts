import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { osloToday } from '../platform/time/oslo-date';
import { DespatchAdviceRepository, DespatchAdviceWithLines } from './despatch-advice.repository';
import type { DespatchVia } from './despatch-advice.entity';
import { UnknownOrderLineError } from './order-line.errors';
import { orderName } from './order.machine';
import { OrderStateError } from './order.types';
import { OrdersService } from './orders.service';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { DESPATCHABLE_ORDER_STATES } from './receiving';
import { DuplicateDespatchError, RegisterDespatchInput } from './receiving.types';

/** A despatch as the supplier gave it, by API or document; quantities are positive decimal text in the order line's unit. */
export interface DespatchToRecord {
  despatchId: string;
  issueDate: string;
  expectedDeliveryDate: string | null;
  expectedDeliveryEnd: string | null;
  note: string | null;
  via: DespatchVia;
  lines: { lineId: string; deliveredQuantity: string; outstandingQuantity: string | null; outstandingReason: string | null }[];
}

export type RecordDespatchResult = DespatchAdviceWithLines | OrderStateError | UnknownOrderLineError | DuplicateDespatchError;

/**
 * Despatch advices: the supplier tells the buyer what is on its way. Recorded and audited; the
 * order's state does not move (receiving the goods does).
 */
@Injectable()
export class DespatchAdvicesService {
  constructor(
    private readonly ds: DataSource,
    private readonly orders: OrdersService,
    private readonly advices: DespatchAdviceRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The order's supplier (SUPPLIER_ADMIN, person or machine) registers a despatch; anyone else
   * is told NOT_FOUND. An order line may appear on several lines (lots, parcels), as in UBL.
   */
  async register(ctx: RequestContext, input: RegisterDespatchInput): Promise<{ order: PurchaseOrderEntity; advice: DespatchAdviceWithLines } | Exclude<RecordDespatchResult, DespatchAdviceWithLines>> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.orders.lockForSupplier(tx, input.orderId);
      const result = await this.record(tx, order, await this.orders.lines(tx, order.id), {
        despatchId: input.despatchId.trim(),
        issueDate: osloToday(tx.now()),
        expectedDeliveryDate: input.expectedDeliveryDate ?? null,
        expectedDeliveryEnd: input.expectedDeliveryDate ?? null,
        note: input.note?.trim() || null,
        via: 'API',
        lines: input.lines.map((l) => ({
          lineId: l.lineId.trim(),
          deliveredQuantity: String(l.deliveredQuantity),
          outstandingQuantity: l.outstandingQuantity === undefined || l.outstandingQuantity === null ? null : String(l.outstandingQuantity),
          outstandingReason: l.outstandingReason?.trim() || null,
        })),
      });
      return 'advice' in result ? { order, advice: result } : result;
    });
  }

  /**
   * Records a despatch against a locked order the caller supplies: the order must still be
   * awaiting goods, every line one of its lines, and the despatch id new for the order.
   */
  async record(tx: RequestContext, order: PurchaseOrderEntity, orderLines: PurchaseOrderLineEntity[], despatch: DespatchToRecord): Promise<RecordDespatchResult> {
    if (!DESPATCHABLE_ORDER_STATES.has(order.status))
      return OrderStateError.of(order.status, `${orderName(order)} is ${order.status}: goods can be despatched only while it is SENT, ACCEPTED or PARTIALLY_RECEIVED`);
    const byLineId = new Map(orderLines.map((l) => [String(l.lineNo), l]));
    const unknown = despatch.lines.filter((l) => !byLineId.has(l.lineId)).map((l) => l.lineId);
    if (unknown.length) return UnknownOrderLineError.of(orderName(order), unknown);
    const before = await this.advices.findByDespatchId(tx, order.id, despatch.despatchId);
    if (before) return Object.assign(new DuplicateDespatchError(), { despatchAdviceId: before.id, message: `${orderName(order)} has despatch ${despatch.despatchId} already` });

    const caller = tx.user;
    const advice = await this.advices.insert(
      tx,
      {
        orderId: order.id,
        despatchId: despatch.despatchId,
        issueDate: despatch.issueDate,
        expectedDeliveryDate: despatch.expectedDeliveryDate,
        expectedDeliveryEnd: despatch.expectedDeliveryEnd,
        note: despatch.note,
        via: despatch.via,
        createdByUserId: caller.userId ?? null,
        createdByClientId: caller.machineClientId ?? null,
      },
      despatch.lines.map((l) => ({
        orderLineId: byLineId.get(l.lineId)!.id,
        deliveredQuantity: l.deliveredQuantity,
        outstandingQuantity: l.outstandingQuantity,
        outstandingReason: l.outstandingReason,
      })),
    );
    await this.audit.record(tx, 'order.despatch-advised', 'purchase_order', order.id, {
      despatchAdviceId: advice.advice.id,
      despatchId: despatch.despatchId,
      via: despatch.via,
      expectedDeliveryDate: despatch.expectedDeliveryDate,
      lines: despatch.lines.map((l) => ({ lineId: l.lineId, delivered: l.deliveredQuantity, outstanding: l.outstandingQuantity })),
    });
    return advice;
  }

  /** The despatch advices of several orders, by order id (batched field resolvers). */
  ofOrders(ctx: RequestContext, orderIds: readonly number[]): Promise<Map<number, DespatchAdviceWithLines[]>> {
    return this.advices.ofOrders(ctx, orderIds);
  }

  /** The order's despatch advice with this id, or null. */
  findOfOrder(ctx: RequestContext, orderId: number, id: number) {
    return this.advices.findOfOrder(ctx, orderId, id);
  }
}
