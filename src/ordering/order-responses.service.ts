import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../identity/role';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { notFound } from '../platform/errors/domain-error';
import { isErrorResult } from '../platform/results/error-result';
import { OrderChangeNotifier } from './order-change-notifier';
import { acceptedChanges, orderTotals } from './order-changes';
import { OrderCommitments } from './order-commitments';
import { OrderSpend } from './order-spend';
import { ResponseCodeValue } from './order-response.entity';
import { OrderResponseRepository, StoredOrderResponse } from './order-response.repository';
import { checkOrderResponse, lineStatusAfter, OrderResponseInput, ResponseRefusal } from './order-response-rules';
import { UnknownOrderLineError } from './order-line.errors';
import { InvalidOrderResponseError, RespondToOrderInput } from './order-response.types';
import { toOrderResponse } from './order-response-view';
import { orderName } from './order.machine';
import { OrderEvent, OrderStatus } from './order-status';
import { OrderStateError, OrderVersionConflictError } from './order.types';
import { OrdersService } from './orders.service';
import type { OrderLineStatus, PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { PurchaseOrderRepository } from './purchase-order.repository';

/** Each answer's step in the order's state table. */
const EVENT_OF: Record<ResponseCodeValue, OrderEvent> = { AP: 'accept', RE: 'decline', CA: 'change', AB: 'acknowledge' };

export interface ResponseRecorded {
  order: PurchaseOrderEntity;
  response: StoredOrderResponse;
}

export type RecordRefusal = OrderStateError | UnknownOrderLineError | InvalidOrderResponseError;

/** Where an answer came from: the API, or a received document with its cbc:ID. */
export type ResponseSource = { via: 'API' } | { via: 'DOCUMENT'; documentId: string };

/**
 * The supplier's answers to an order (issue 15 §6) and the buyer's decision on changes. An
 * answer is a row of its own, never rewritten; it moves the order (AP accepted, RE declined,
 * CA changed, AB still sent) and marks its lines. A CA's changes reach the order lines only when
 * the buyer accepts them: then the totals are recomputed and the commitment follows.
 */
@Injectable()
export class OrderResponsesService {
  constructor(
    private readonly ds: DataSource,
    private readonly orders: OrdersService,
    private readonly orderRows: PurchaseOrderRepository,
    private readonly responses: OrderResponseRepository,
    private readonly commitments: OrderCommitments,
    private readonly notifier: OrderChangeNotifier,
    private readonly spend: OrderSpend,
  ) {}

  /** The supplier answers through the API (SUPPLIER_ADMIN of the order's supplier; others NOT_FOUND). */
  async respond(ctx: RequestContext, input: RespondToOrderInput): Promise<ResponseRecorded | RecordRefusal | OrderVersionConflictError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.orders.lockForSupplier(tx, input.orderId);
      const stale = this.orders.staleVersion(order, input.expectedVersion);
      if (stale) return stale;
      const answer: OrderResponseInput = {
        responseCode: input.responseCode,
        note: input.note?.trim() || null,
        lines: (input.lines ?? []).map((l) => ({
          lineId: l.lineId.trim(),
          code: l.status,
          quantity: l.quantity,
          price: l.price,
          promisedDeliveryStart: l.promisedDeliveryStart,
          promisedDeliveryEnd: l.promisedDeliveryEnd,
          substitute: l.substitute && { sellerItemId: l.substitute.sellerItemId.trim(), name: l.substitute.name.trim(), gtin: l.substitute.gtin ?? null },
          note: l.note?.trim() || null,
        })),
      };
      return this.record(tx, order, answer, { via: 'API' });
    });
  }

  /** The sent order with this number when the caller is its supplier (for a received document), locked; null otherwise. */
  async lockForSupplierByNumber(tx: RequestContext, orderNo: string): Promise<PurchaseOrderEntity | null> {
    const order = await this.orderRows.lockByOrderNo(tx, orderNo);
    if (!order || order.supplierId !== tx.user.organisationId || !order.sentAt || !tx.hasRole(Role.SUPPLIER_ADMIN)) return null;
    return order;
  }

  /**
   * Records an answer to `order` (locked, the caller its supplier) in `tx`: checked against the
   * order's lines and state first, so a refusal writes nothing.
   */
  async record(tx: RequestContext, order: PurchaseOrderEntity, answer: OrderResponseInput, source: ResponseSource): Promise<ResponseRecorded | RecordRefusal> {
    const event = EVENT_OF[answer.responseCode];
    if (!this.orders.machine.next(order.status, event)) return (await this.orders.fire(tx, order, event)) as OrderStateError;
    const lines = await this.orderRows.lines(tx, order.id);
    const refusal = asResult(order, checkOrderResponse(answer, lines));
    if (refusal) return refusal;

    const byLineNo = new Map(lines.map((l) => [String(l.lineNo), l]));
    const answered = new Map(answer.lines.map((l) => [byLineNo.get(l.lineId.trim())!.id, l]));
    let response: StoredOrderResponse | undefined;
    const moved = await this.orders.fire(tx, order, event, {
      effect: async () => {
        // One statement per new status, not one per line.
        const moving = new Map<OrderLineStatus, PurchaseOrderLineEntity[]>();
        for (const line of lines) {
          if (line.status === 'CANCELLED') continue;
          const status = lineStatusAfter(answer.responseCode, answered.get(line.id)?.code);
          if (status && status !== line.status) moving.set(status, [...(moving.get(status) ?? []), line]);
        }
        for (const [status, changed] of moving) await this.orderRows.setLineStatus(tx, changed, status);
        response = await this.responses.insert(
          tx,
          {
            orderId: order.id,
            responseCode: answer.responseCode,
            documentId: source.via === 'DOCUMENT' ? source.documentId : null,
            issueDate: answer.issueDate ?? tx.now().toISOString().slice(0, 10),
            note: answer.note ?? null,
            promisedDeliveryStart: answer.promisedDeliveryStart ?? null,
            promisedDeliveryEnd: answer.promisedDeliveryEnd ?? null,
            receivedVia: source.via,
            byUserId: tx.user.userId ?? null,
            byClientId: tx.user.machineClientId ?? null,
          },
          [...answered.entries()].map(([orderLineId, l]) => ({
            orderLineId,
            lineCode: l.code,
            // Only a changed line's values are kept: an accepted or refused one may only repeat what was ordered.
            quantity: l.code === '3' ? (l.quantity ?? null) : null,
            price: l.code === '3' ? (l.price ?? null) : null,
            promisedDeliveryStart: l.promisedDeliveryStart ?? null,
            promisedDeliveryEnd: l.promisedDeliveryEnd ?? null,
            substituteSellerItemId: l.substitute?.sellerItemId ?? null,
            substituteName: l.substitute?.name ?? null,
            substituteGtin: l.substitute?.gtin ?? null,
            note: l.note ?? null,
          })),
        );
      },
      audit: { responseCode: answer.responseCode, via: source.via, ...(source.via === 'DOCUMENT' ? { documentId: source.documentId } : {}) },
    });
    if (isErrorResult(moved)) return moved;
    if (moved.status === OrderStatus.ACCEPTED) await this.orders.progressed(tx, moved.id, 'order-accepted');
    return { order: moved, response: response! };
  }

  /**
   * The buyer accepts the supplier's changes (the latest CA): they are applied to the order
   * lines, the totals recomputed, the order ACCEPTED and its commitment (and its ordered spend in insights) adjusted to the new amount.
   */
  async acceptChanges(ctx: RequestContext, orderId: number, expectedVersion?: number): Promise<PurchaseOrderEntity | OrderStateError | OrderVersionConflictError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.lockForDecision(tx, orderId);
      const stale = this.orders.staleVersion(order, expectedVersion);
      if (stale) return stale;
      if (!this.orders.machine.next(order.status, 'acceptChanges')) return await this.orders.fire(tx, order, 'acceptChanges');
      const change = await this.responses.latest(tx, order.id, 'CA');
      if (!change) throw new Error(`${orderName(order)} is CHANGED without a CA response`);
      const lines = await this.orderRows.lines(tx, order.id);
      const updates = acceptedChanges(lines, change.lines);
      const accepted = await this.orders.fire(tx, order, 'acceptChanges', {
        effect: async (o) => {
          for (const line of lines) {
            const update = updates.get(line.id);
            if (update) await this.orderRows.updateLine(tx, line, update);
          }
          Object.assign(o, orderTotals(lines, updates, o.currency));
        },
        audit: { responseId: change.response.id, lineExtensionAmount: orderTotals(lines, updates, order.currency).lineExtensionAmount, before: order.lineExtensionAmount },
      });
      if (isErrorResult(accepted)) return accepted;
      await this.commitments.adjust(tx, accepted);
      await this.orders.progressed(tx, accepted.id, 'order-accepted');
      await this.spend.approved(tx, accepted, await this.orderRows.lines(tx, order.id));
      return accepted;
    });
  }

  /** The buyer rejects the supplier's changes: the order is CANCELLED (its commitment released) and the supplier told by e-mail. */
  async rejectChanges(ctx: RequestContext, orderId: number, reason: string, expectedVersion?: number): Promise<PurchaseOrderEntity | OrderStateError | OrderVersionConflictError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.lockForDecision(tx, orderId);
      const stale = this.orders.staleVersion(order, expectedVersion);
      if (stale) return stale;
      const rejected = await this.orders.fire(tx, order, 'rejectChanges', { audit: { reason } });
      if (isErrorResult(rejected)) return rejected;
      await this.notifier.changesRejected(tx, rejected, reason);
      return rejected;
    });
  }

  /** The order's lines' ids and LineIDs (to show a response's lines). */
  async orderLineNumbers(ctx: RequestContext, orderId: number): Promise<{ id: number; lineNo: number }[]> {
    return (await this.orderRows.lines(ctx, orderId)).map((l) => ({ id: l.id, lineNo: l.lineNo }));
  }

  /** The responses of several orders the caller may see, oldest first (batched per request by the resolver). */
  async responsesOf(ctx: RequestContext, orderIds: readonly number[]) {
    const [responses, lines] = await Promise.all([this.responses.ofOrders(ctx, orderIds), this.orderRows.linesOf(ctx, orderIds)]);
    return orderIds.map((id) => {
      const lineNoOf = new Map((lines.get(id) ?? []).map((l) => [l.id, l.lineNo]));
      return (responses.get(id) ?? []).map((r) => toOrderResponse(r, lineNoOf));
    });
  }

  /** The order's requester, or a PURCHASER/ADMIN of its buyer organisation, decides on changes; others NOT_FOUND. */
  private async lockForDecision(tx: RequestContext, orderId: number): Promise<PurchaseOrderEntity> {
    const order = await this.orders.lockForBuyer(tx, orderId, [Role.REQUESTER, Role.PURCHASER, Role.ADMIN]);
    if (order.requesterUserId !== tx.person.userId && !tx.hasRole(Role.PURCHASER, Role.ADMIN)) throw notFound('Order', orderId);
    return order;
  }
}

/** The first refusal as the API's error result: unknown lines are named together. */
function asResult(order: PurchaseOrderEntity, refusals: ResponseRefusal[]): UnknownOrderLineError | InvalidOrderResponseError | null {
  const unknown = refusals.find((r) => r.kind === 'unknownLines');
  if (unknown) return UnknownOrderLineError.of(orderName(order), unknown.lineIds);
  const invalid = refusals.find((r) => r.kind === 'invalid');
  return invalid ? InvalidOrderResponseError.of(invalid.message, invalid.lineId) : null;
}
