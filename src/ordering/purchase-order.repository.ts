import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { entitiesOf, entityColumns } from '../platform/database/entity-rows';
import { conflict } from '../platform/errors/domain-error';
import { OrderStatus } from './order-status';
import { OrderLineStatus, PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { PurchaseOrderEntity } from './purchase-order.entity';
import { preparedQueryIn } from '../platform/database/prepared-query';
import { receivedOfLineSql } from './goods-receipt.repository';

export type NewPurchaseOrder = Omit<
  PurchaseOrderEntity,
  'id' | 'requisitionNo' | 'orderNo' | 'version' | 'submittedAt' | 'sentAt' | 'updatedAt' | 'decidedByUserId' | 'decidedOnBehalfOf' | 'decidedAt' | 'decisionComment' | 'budgetOverrideReason'
>;
/** A line to write; it is numbered 1, 2, … in the order given (its UBL LineID). */
export type NewPurchaseOrderLine = Omit<PurchaseOrderLineEntity, 'id' | 'orderId' | 'lineNo' | 'status' | 'substituteSellerItemId' | 'substituteName' | 'substituteGtin'>;

/** Who looks at a list of orders: the buyer side (all of an organisation, or one requester's) or a supplier. */
export type OrderListScope = { buyerOrganisationId: number; requesterUserId?: number } | { supplierId: number };

export interface OrderListFilter {
  statuses?: OrderStatus[];
}

/** The one home of the SQL on `purchase_order` and `purchase_order_line`. */
@Injectable()
export class PurchaseOrderRepository {
  /** A new requisition with its lines, numbered REQ-<year>-<n>. */
  async create(tx: RequestContext, order: NewPurchaseOrder, lines: NewPurchaseOrderLine[]): Promise<PurchaseOrderEntity> {
    const [{ no }] = await tx.manager.query(`SELECT nextval('requisition_no_seq') AS no`);
    const requisitionNo = `REQ-${order.budgetYear}-${String(no).padStart(6, '0')}`;
    const saved = await tx.manager.save(
      PurchaseOrderEntity,
      tx.manager.create(PurchaseOrderEntity, { ...order, requisitionNo, orderNo: null, version: 1, submittedAt: tx.now(), updatedAt: new Date() }),
    );
    await tx.manager.insert(
      PurchaseOrderLineEntity,
      lines.map((line, i) => ({ ...line, orderId: saved.id, lineNo: i + 1, status: 'OPEN' as const })),
    );
    return (await this.find(tx, saved.id))!;
  }

  /** The next order number, PO-<year>-<n>, given when a requisition is approved. */
  async nextOrderNo(tx: RequestContext, year: number): Promise<string> {
    const [{ no }] = await tx.manager.query(`SELECT nextval('order_no_seq') AS no`);
    return `PO-${year}-${String(no).padStart(6, '0')}`;
  }

  find(ctx: RequestContext, id: number): Promise<PurchaseOrderEntity | null> {
    return ctx.manager.findOneBy(PurchaseOrderEntity, { id });
  }

  findMany(ctx: RequestContext, ids: readonly number[]): Promise<PurchaseOrderEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return ctx.manager.findBy(PurchaseOrderEntity, { id: In([...ids]) });
  }

  /** The order locked until the transaction ends: decisions on one order take turns. */
  lock(tx: RequestContext, id: number): Promise<PurchaseOrderEntity | null> {
    // Read as locked: FOR UPDATE answers the row as it is once the lock is held.
    return tx.manager.findOne(PurchaseOrderEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The order with this number (the supplier's documents name it), locked. */
  /** Plain SQL: the invoice intake locks its order so for every invoice (a TypeORM find cost more service CPU than the statement). */
  async lockByOrderNo(tx: RequestContext, orderNo: string): Promise<PurchaseOrderEntity | null> {
    const rows: Record<string, unknown>[] = await preparedQueryIn(tx.manager, `SELECT ${entityColumns(tx.manager, PurchaseOrderEntity)} FROM purchase_order WHERE order_no = $1 FOR UPDATE`, [orderNo]);
    return entitiesOf(tx.manager, PurchaseOrderEntity, rows)[0] ?? null;
  }

  /**
   * Writes the order if nobody else has since it was read (optimistic lock on `version`),
   * bumping its version; otherwise 409 CONFLICT, nothing written.
   */
  async save(tx: RequestContext, order: PurchaseOrderEntity): Promise<PurchaseOrderEntity> {
    const { id, version, ...fields } = order;
    const result = await tx.manager
      .createQueryBuilder()
      .update(PurchaseOrderEntity)
      .set({ ...fields, updatedAt: new Date(), version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (!result.affected) throw conflict(`Order ${order.orderNo ?? order.requisitionNo} was changed by someone else meanwhile; read it again and retry`);
    order.version = version + 1;
    return order;
  }

  /** In line order; plain SQL (the invoice intake reads them for every invoice). */
  async lines(ctx: RequestContext, orderId: number): Promise<PurchaseOrderLineEntity[]> {
    const rows: Record<string, unknown>[] = await preparedQueryIn(
      ctx.manager,
      `SELECT ${entityColumns(ctx.manager, PurchaseOrderLineEntity)} FROM purchase_order_line WHERE order_id = $1 ORDER BY line_no`,
      [orderId],
    );
    return entitiesOf(ctx.manager, PurchaseOrderLineEntity, rows);
  }

  /**
   * In line order, each with what it has received so far (net of returns, and gross: returns not
   * subtracted; numeric text), in one statement: the invoice intake reads them for every invoice,
   * under the order's lock (so the receipts are those committed before it was granted: a separate
   * statement from the lock's).
   */
  async linesWithReceived(ctx: RequestContext, orderId: number): Promise<{ lines: PurchaseOrderLineEntity[]; received: string[]; receivedGross: string[] }> {
    const rows: Record<string, unknown>[] = await preparedQueryIn(
      ctx.manager,
      `SELECT ${entityColumns(ctx.manager, PurchaseOrderLineEntity)}, coalesce(received_of_line.received, 0)::text AS received_so_far,
              coalesce(received_of_line.received_gross, 0)::text AS received_gross
         FROM purchase_order_line LEFT JOIN LATERAL ${receivedOfLineSql('purchase_order_line.id')} received_of_line ON true
        WHERE order_id = $1 ORDER BY line_no`,
      [orderId],
    );
    return { lines: entitiesOf(ctx.manager, PurchaseOrderLineEntity, rows), received: rows.map((r) => r.received_so_far as string), receivedGross: rows.map((r) => r.received_gross as string) };
  }

  /** The lines of several orders, by order id (one query for a page of orders). */
  async linesOf(ctx: RequestContext, orderIds: readonly number[]): Promise<Map<number, PurchaseOrderLineEntity[]>> {
    const rows = orderIds.length
      ? await ctx.manager
          .createQueryBuilder(PurchaseOrderLineEntity, 'l')
          .where('l.order_id = ANY(:ids)', { ids: [...orderIds] })
          .orderBy('l.order_id')
          .addOrderBy('l.line_no')
          .getMany()
      : [];
    const byOrder = new Map<number, PurchaseOrderLineEntity[]>(orderIds.map((id) => [id, []]));
    for (const row of rows) byOrder.get(row.orderId)!.push(row);
    return byOrder;
  }

  /** Sets the status of several lines in one statement. */
  async setLineStatus(tx: RequestContext, lines: readonly PurchaseOrderLineEntity[], status: OrderLineStatus): Promise<void> {
    if (lines.length) await tx.manager.update(PurchaseOrderLineEntity, { id: In(lines.map((l) => l.id)) }, { status });
  }

  async updateLine(
    tx: RequestContext,
    line: PurchaseOrderLineEntity,
    fields: Partial<Pick<PurchaseOrderLineEntity, 'quantity' | 'unitPrice' | 'status' | 'substituteSellerItemId' | 'substituteName' | 'substituteGtin'>>,
  ): Promise<void> {
    await tx.manager.update(PurchaseOrderLineEntity, { id: line.id }, fields);
  }

  /** A page of orders, newest first, and how many there are. A supplier sees only orders sent to it. */
  async list(ctx: RequestContext, scope: OrderListScope, filter: OrderListFilter, offset: number, limit: number): Promise<{ rows: PurchaseOrderEntity[]; total: number }> {
    const qb = ctx.manager.createQueryBuilder(PurchaseOrderEntity, 'o');
    if ('supplierId' in scope) qb.where('o.supplier_id = :supplierId AND o.sent_at IS NOT NULL', { supplierId: scope.supplierId });
    else {
      qb.where('o.buyer_organisation_id = :org', { org: scope.buyerOrganisationId });
      if (scope.requesterUserId !== undefined) qb.andWhere('o.requester_user_id = :requester', { requester: scope.requesterUserId });
    }
    if (filter.statuses?.length) qb.andWhere('o.status IN (:...statuses)', { statuses: filter.statuses });
    const [rows, total] = await qb.orderBy('o.id', 'DESC').skip(offset).take(limit).getManyAndCount();
    return { rows, total };
  }

  /** Requisitions of an organisation waiting for approval, oldest first (the approvers' queue is drawn from them). */
  pending(ctx: RequestContext, buyerOrganisationId: number, limit: number): Promise<PurchaseOrderEntity[]> {
    return ctx.manager.find(PurchaseOrderEntity, { where: { buyerOrganisationId, status: OrderStatus.PENDING_APPROVAL }, order: { id: 'ASC' }, take: limit });
  }

  /** Every UNSPSC code an order line uses, with line writes held off until `tx` ends (the UNSPSC re-import keeps those codes). */
  async codesInUseHeld(tx: RequestContext): Promise<string[]> {
    await tx.manager.query('LOCK TABLE purchase_order_line IN SHARE MODE');
    const rows: { code: string }[] = await tx.manager.query('SELECT DISTINCT unspsc_code AS code FROM purchase_order_line');
    return rows.map((r) => r.code);
  }
}
