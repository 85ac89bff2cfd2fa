import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { GoodsReceiptEntity, GoodsReceiptLineEntity } from './goods-receipt.entity';
import { preparedQueryIn } from '../platform/database/prepared-query';

export type NewGoodsReceipt = Omit<GoodsReceiptEntity, 'id' | 'receivedAt'>;
export type NewGoodsReceiptLine = Omit<GoodsReceiptLineEntity, 'id' | 'goodsReceiptId'>;

/** A receipt line with the order line's number and unit, as shown. */
export interface GoodsReceiptLineRow extends GoodsReceiptLineEntity {
  lineNo: number;
  unitCode: string;
}

export interface GoodsReceiptWithLines {
  receipt: GoodsReceiptEntity;
  lines: GoodsReceiptLineRow[];
}

/** What an order line has received so far, net of returns (numeric; NULL for none), over `goods_receipt_line r`. */
const RECEIVED_NET = 'sum(r.quantity)';
/** What it has received, returns not subtracted: what the supplier delivered (a return does not come again). */
const RECEIVED_GROSS = 'sum(r.quantity) FILTER (WHERE r.quantity > 0)';

/**
 * What the order line whose id is `lineId` (an expression of the statement it goes into) has
 * received so far, as a row source to join beside it (`LEFT JOIN LATERAL … ON true`): `received`
 * net of returns and `received_gross` without them, numeric, NULL when nothing was received. For a statement that reads order lines
 * and their receipts in one round trip; the SQL on receipts stays here.
 */
export const receivedOfLineSql = (lineId: string): string => `(SELECT ${RECEIVED_NET} AS received, ${RECEIVED_GROSS} AS received_gross FROM goods_receipt_line r WHERE r.order_line_id = ${lineId})`;

/** The one home of the SQL on `goods_receipt` and `goods_receipt_line`. */
@Injectable()
export class GoodsReceiptRepository {
  async insert(tx: RequestContext, receipt: NewGoodsReceipt, lines: NewGoodsReceiptLine[]): Promise<GoodsReceiptWithLines> {
    const saved = await tx.manager.save(GoodsReceiptEntity, tx.manager.create(GoodsReceiptEntity, { ...receipt, receivedAt: tx.now() }));
    await tx.manager.insert(
      GoodsReceiptLineEntity,
      lines.map((l) => ({ ...l, goodsReceiptId: saved.id })),
    );
    return (await this.withLines(tx, [saved]))[0];
  }

  /**
   * What each order line has received so far (net of returns), by order line id; lines with
   * no receipt are absent. Read under the order's lock, so it is exact for the next receipt.
   */
  async receivedByLine(ctx: RequestContext, orderLineIds: readonly number[]): Promise<Map<number, string>> {
    if (!orderLineIds.length) return new Map();
    const rows: { order_line_id: number; received: string }[] = await preparedQueryIn(
      ctx.manager,
      `SELECT r.order_line_id, ${RECEIVED_NET}::text AS received FROM goods_receipt_line r WHERE r.order_line_id = ANY($1) GROUP BY r.order_line_id`,
      [[...orderLineIds]],
    );
    return new Map(rows.map((r) => [r.order_line_id, r.received]));
  }

  /** The receipts of several orders with their lines, oldest first (two queries for any number of orders). */
  async ofOrders(ctx: RequestContext, orderIds: readonly number[]): Promise<Map<number, GoodsReceiptWithLines[]>> {
    const byOrder = new Map<number, GoodsReceiptWithLines[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return byOrder;
    const receipts = await ctx.manager
      .createQueryBuilder(GoodsReceiptEntity, 'r')
      .where('r.order_id = ANY(:ids)', { ids: [...orderIds] })
      .orderBy('r.id')
      .getMany();
    for (const r of await this.withLines(ctx, receipts)) byOrder.get(r.receipt.orderId)!.push(r);
    return byOrder;
  }

  private async withLines(ctx: RequestContext, receipts: GoodsReceiptEntity[]): Promise<GoodsReceiptWithLines[]> {
    if (!receipts.length) return [];
    const rows: { id: number; receipt_id: number; order_line_id: number; quantity: string; reason: string | null; confirmed: boolean; line_no: number; unit_code: string }[] = await ctx.manager.query(
      `SELECT l.id, l.goods_receipt_id AS receipt_id, l.order_line_id, l.quantity::text AS quantity, l.reason, l.over_receipt_confirmed AS confirmed, ol.line_no, ol.unit_code
           FROM goods_receipt_line l JOIN purchase_order_line ol ON ol.id = l.order_line_id
          WHERE l.goods_receipt_id = ANY($1) ORDER BY l.goods_receipt_id, ol.line_no, l.id`,
      [receipts.map((r) => r.id)],
    );
    const linesByReceipt = new Map<number, GoodsReceiptLineRow[]>();
    for (const r of rows) {
      const line: GoodsReceiptLineRow = {
        id: r.id,
        goodsReceiptId: r.receipt_id,
        orderLineId: r.order_line_id,
        quantity: r.quantity,
        reason: r.reason,
        overReceiptConfirmed: r.confirmed,
        lineNo: r.line_no,
        unitCode: r.unit_code,
      };
      linesByReceipt.set(r.receipt_id, [...(linesByReceipt.get(r.receipt_id) ?? []), line]);
    }
    return receipts.map((receipt) => ({ receipt, lines: linesByReceipt.get(receipt.id) ?? [] }));
  }
}
