import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { DespatchAdviceEntity, DespatchAdviceLineEntity } from './despatch-advice.entity';

export type NewDespatchAdvice = Omit<DespatchAdviceEntity, 'id' | 'createdAt'>;
export type NewDespatchAdviceLine = Omit<DespatchAdviceLineEntity, 'id' | 'despatchAdviceId'>;

/** A despatch advice line with the order line's number and unit, as shown. */
export interface DespatchAdviceLineRow extends DespatchAdviceLineEntity {
  lineNo: number;
  unitCode: string;
}

export interface DespatchAdviceWithLines {
  advice: DespatchAdviceEntity;
  lines: DespatchAdviceLineRow[];
}

/** The one home of the SQL on `despatch_advice` and `despatch_advice_line`. */
@Injectable()
export class DespatchAdviceRepository {
  async insert(tx: RequestContext, advice: NewDespatchAdvice, lines: NewDespatchAdviceLine[]): Promise<DespatchAdviceWithLines> {
    const saved = await tx.manager.save(DespatchAdviceEntity, tx.manager.create(DespatchAdviceEntity, { ...advice, createdAt: tx.now() }));
    await tx.manager.insert(
      DespatchAdviceLineEntity,
      lines.map((l) => ({ ...l, despatchAdviceId: saved.id })),
    );
    return (await this.ofOrders(tx, [advice.orderId])).get(advice.orderId)!.find((a) => a.advice.id === saved.id)!;
  }

  /** The order's advice with this despatch id (the supplier's cbc:ID), if any. */
  findByDespatchId(ctx: RequestContext, orderId: number, despatchId: string): Promise<DespatchAdviceEntity | null> {
    return ctx.manager.findOneBy(DespatchAdviceEntity, { orderId, despatchId });
  }

  findOfOrder(ctx: RequestContext, orderId: number, id: number): Promise<DespatchAdviceEntity | null> {
    return ctx.manager.findOneBy(DespatchAdviceEntity, { orderId, id });
  }

  /** The advices of several orders with their lines, oldest first (two queries for any number of orders). */
  async ofOrders(ctx: RequestContext, orderIds: readonly number[]): Promise<Map<number, DespatchAdviceWithLines[]>> {
    const byOrder = new Map<number, DespatchAdviceWithLines[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return byOrder;
    const advices = await ctx.manager
      .createQueryBuilder(DespatchAdviceEntity, 'a')
      .where('a.order_id = ANY(:ids)', { ids: [...orderIds] })
      .orderBy('a.id')
      .getMany();
    if (!advices.length) return byOrder;
    const rows: { id: number; advice_id: number; order_line_id: number; delivered: string; outstanding: string | null; reason: string | null; line_no: number; unit_code: string }[] =
      await ctx.manager.query(
        `SELECT l.id, l.despatch_advice_id AS advice_id, l.order_line_id, l.delivered_quantity::text AS delivered, l.outstanding_quantity::text AS outstanding,
                l.outstanding_reason AS reason, ol.line_no, ol.unit_code
           FROM despatch_advice_line l JOIN purchase_order_line ol ON ol.id = l.order_line_id
          WHERE l.despatch_advice_id = ANY($1) ORDER BY l.despatch_advice_id, ol.line_no, l.id`,
        [advices.map((a) => a.id)],
      );
    const linesByAdvice = new Map<number, DespatchAdviceLineRow[]>();
    for (const r of rows) {
      const line: DespatchAdviceLineRow = {
        id: r.id,
        despatchAdviceId: r.advice_id,
        orderLineId: r.order_line_id,
        deliveredQuantity: r.delivered,
        outstandingQuantity: r.outstanding,
        outstandingReason: r.reason,
        lineNo: r.line_no,
        unitCode: r.unit_code,
      };
      linesByAdvice.set(r.advice_id, [...(linesByAdvice.get(r.advice_id) ?? []), line]);
    }
    for (const advice of advices) byOrder.get(advice.orderId)!.push({ advice, lines: linesByAdvice.get(advice.id) ?? [] });
    return byOrder;
  }
}
