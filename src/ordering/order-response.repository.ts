import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { OrderResponseEntity, OrderResponseLineEntity } from './order-response.entity';

export type NewOrderResponse = Omit<OrderResponseEntity, 'id' | 'createdAt'>;
export type NewOrderResponseLine = Omit<OrderResponseLineEntity, 'id' | 'responseId'>;

/** A response with its lines. */
export interface StoredOrderResponse {
  response: OrderResponseEntity;
  lines: OrderResponseLineEntity[];
}

/** The one home of the SQL on `order_response` and `order_response_line` (insert-only: a trigger refuses changes). */
@Injectable()
export class OrderResponseRepository {
  async insert(tx: RequestContext, response: NewOrderResponse, lines: NewOrderResponseLine[]): Promise<StoredOrderResponse> {
    const saved = await tx.manager.save(OrderResponseEntity, tx.manager.create(OrderResponseEntity, { ...response, createdAt: tx.now() }));
    const stored = lines.length
      ? await tx.manager.save(
          OrderResponseLineEntity,
          lines.map((l) => tx.manager.create(OrderResponseLineEntity, { ...l, responseId: saved.id })),
        )
      : [];
    // Read the row back as stored (created_at: the step's time, its microseconds as PostgreSQL keeps them).
    return { response: (await tx.manager.findOneBy(OrderResponseEntity, { id: saved.id }))!, lines: stored };
  }

  /** The latest response of an order with this code, with its lines; null when none. */
  async latest(ctx: RequestContext, orderId: number, responseCode: OrderResponseEntity['responseCode']): Promise<StoredOrderResponse | null> {
    const response = await ctx.manager.findOne(OrderResponseEntity, { where: { orderId, responseCode }, order: { id: 'DESC' } });
    if (!response) return null;
    return { response, lines: await ctx.manager.find(OrderResponseLineEntity, { where: { responseId: response.id }, order: { id: 'ASC' } }) };
  }

  /** Every response of these orders, oldest first, with their lines (two queries for a page of orders). */
  async ofOrders(ctx: RequestContext, orderIds: readonly number[]): Promise<Map<number, StoredOrderResponse[]>> {
    const byOrder = new Map<number, StoredOrderResponse[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return byOrder;
    const responses = await ctx.manager
      .createQueryBuilder(OrderResponseEntity, 'r')
      .where('r.order_id = ANY(:ids)', { ids: [...orderIds] })
      .orderBy('r.id')
      .getMany();
    const lines = responses.length
      ? await ctx.manager
          .createQueryBuilder(OrderResponseLineEntity, 'l')
          .where('l.response_id = ANY(:ids)', { ids: responses.map((r) => r.id) })
          .orderBy('l.id')
          .getMany()
      : [];
    const linesOf = new Map<number, OrderResponseLineEntity[]>();
    for (const line of lines) linesOf.set(line.responseId, [...(linesOf.get(line.responseId) ?? []), line]);
    for (const response of responses) byOrder.get(response.orderId)!.push({ response, lines: linesOf.get(response.id) ?? [] });
    return byOrder;
  }
}
