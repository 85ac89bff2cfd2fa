import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { RequestContext } from '../platform/context/request-context';
import { entitiesOf, entityColumns } from '../platform/database/entity-rows';
import { conflict } from '../platform/errors/domain-error';
import { COUNTED_INVOICE_STATES, InvoiceStatus, OPEN_INVOICE_STATES } from './invoice-status';
import { InvoiceEntity, InvoiceKind, InvoiceLineEntity, InvoiceMatchReasonEntity, InvoiceVatSubtotalEntity, StoredLineMatchStatus, StoredMatchMode } from './invoicing.entities';
import { preparedQueryIn } from '../platform/database/prepared-query';
import { DrawnResponseIds, NEXT_RESPONSE_IDS_SQL } from './invoice-response.repository';
import { ChainPoliciesAndRules, chainPoliciesAndRulesOf, ChainPoliciesAndRulesRow, chainPoliciesAndRulesSql, chainSql } from './match-policy.repository';

export type NewInvoice = Omit<
  InvoiceEntity,
  | 'id'
  | 'version'
  | 'status'
  | 'matchMode'
  | 'matchedAt'
  | 'decidedByUserId'
  | 'decidedByClientId'
  | 'decidedAt'
  | 'decisionReason'
  | 'responseCode'
  | 'responseSentAt'
  | 'paidOn'
  | 'paymentReference'
  | 'paidAmount'
  | 'receivedAt'
  | 'updatedAt'
>;
export type NewInvoiceLine = Omit<InvoiceLineEntity, 'id' | 'invoiceId' | 'position' | 'matchStatus'>;
export type NewVatSubtotal = Omit<InvoiceVatSubtotalEntity, 'id' | 'invoiceId'>;
export type NewMatchReason = Omit<InvoiceMatchReasonEntity, 'id' | 'invoiceId'>;

/** What the intake's INSERT gives back: the invoice as stored and what it read and drew beside it (insert's comment). */
export interface InsertedInvoice {
  invoice: InvoiceEntity;
  invoicedBefore: InvoicedBefore[];
  policies: ChainPoliciesAndRules;
  /** One id for each new line, in document order. */
  lineIds: number[];
  /** The ids of the Invoice Response the decision sends and of its outbound document. */
  responseIds: DrawnResponseIds;
}

/** A new invoice's lines (ids drawn, in document order) and its match reasons, written by the save that decides it. */
export interface FreshMatch {
  lines: InvoiceLineEntity[];
  reasons: NewMatchReason[];
}

/** An invoice with its lines (in document order). */
export interface StoredInvoice {
  invoice: InvoiceEntity;
  lines: InvoiceLineEntity[];
}

/** What an order line has been invoiced before, net of credit notes: quantity and amount (decimal text). */
export interface InvoicedBefore {
  orderLineId: number;
  quantity: string;
  amount: string;
}

/** One payment of an invoice as the finance system reported it (invoice_payment, migration 160). */
export interface InvoicePaymentRow {
  invoiceId: number;
  paidOn: string;
  paymentReference: string | null;
  /** Numeric text. */
  amount: string;
}

/** Who looks at a list of invoices: buyer organisations (one and those below it) or one supplier. */
export type InvoiceListScope = { buyerOrganisationIds: number[] } | { supplierId: number };

export interface InvoiceListFilter {
  statuses?: InvoiceStatus[];
  supplierId?: number;
  orderId?: number;
  /** Received on or after / before (ISO dates). */
  from?: string;
  to?: string;
}

/** The one home of the SQL on `invoice` and what hangs off it (lines, VAT subtotals, match reasons). */
@Injectable()
export class InvoiceRepository {
  /**
   * A new invoice (status RECEIVED) with its VAT subtotals, without its lines: they are stored
   * with their match outcome by the save that decides it (`save`'s `fresh`). Null, nothing
   * written: the supplier has sent an invoice (or credit note) with this number already — the
   * unique key answers that in the INSERT (ON CONFLICT DO NOTHING, which waits for a concurrent
   * one to commit or roll back) instead of a look-up before it. The same statement reads what the
   * matcher needs next and draws the ids the decision writes (one round trip instead of four):
   * what the order's lines were invoiced before (after the order's lock, as the statement it
   * replaced), the buyer's match policy chain, an id for each of `lineCount` lines and one for
   * the Invoice Response and its outbound document (written with the deferred rows).
   */
  async insert(tx: RequestContext, invoice: NewInvoice, subtotals: NewVatSubtotal[], orderLineIds: readonly number[], lineCount: number): Promise<InsertedInvoice | null> {
    // One plain statement for the invoice and its subtotals (the intake runs it for every
    // invoice): TypeORM's insert builder cost the service more than the statement costs PostgreSQL.
    const row = { ...invoice, status: InvoiceStatus.RECEIVED, version: 1, receivedAt: tx.now() };
    const { sql, columns } = invoiceInsert(tx, row);
    const driver = tx.manager.connection.driver;
    const values = columns.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c));
    const rows: Record<string, unknown>[] = await preparedQueryIn(tx.manager, sql, [
      ...values,
      subtotals.map((s) => s.category),
      subtotals.map((s) => s.rate),
      subtotals.map((s) => s.taxableAmount),
      subtotals.map((s) => s.taxAmount),
      subtotals.map((s) => s.exemptionReason),
      [...orderLineIds],
      [...COUNTED_INVOICE_STATES],
      InvoiceStatus.APPROVED,
      lineCount,
    ]);
    if (!rows.length) return null;
    const [first] = rows;
    return {
      invoice: entitiesOf(tx.manager, InvoiceEntity, rows)[0],
      invoicedBefore: first.invoiced_before as InvoicedBefore[],
      policies: chainPoliciesAndRulesOf(tx, first as unknown as ChainPoliciesAndRulesRow),
      lineIds: first.line_ids as number[],
      responseIds: { responseId: first.responseId as number, outboundDocumentId: first.outboundDocumentId as string },
    };
  }

  find(ctx: RequestContext, id: number): Promise<InvoiceEntity | null> {
    return ctx.manager.findOneBy(InvoiceEntity, { id });
  }

  findMany(ctx: RequestContext, ids: readonly number[]): Promise<InvoiceEntity[]> {
    return ids.length ? ctx.manager.findBy(InvoiceEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }

  /** The invoice locked until the transaction ends: decisions and re-matches of one invoice take turns. */
  lock(tx: RequestContext, id: number): Promise<InvoiceEntity | null> {
    return tx.manager.findOne(InvoiceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The supplier's invoice or credit note with this number (a credit note's BillingReference names an invoice so). */
  findBySupplierNumber(ctx: RequestContext, supplierId: number, invoiceNumber: string, kind: InvoiceKind): Promise<InvoiceEntity | null> {
    return ctx.manager.findOneBy(InvoiceEntity, { supplierId, kind, invoiceNumber });
  }

  /** The invoices locked until the transaction ends, in id order (so two payment runs lock alike and never deadlock). */
  lockMany(tx: RequestContext, ids: readonly number[]): Promise<InvoiceEntity[]> {
    return ids.length ? tx.manager.find(InvoiceEntity, { where: { id: In([...ids]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } }) : Promise.resolve([]);
  }

  /** The payments of these invoices, oldest first, by invoice id (one query). */
  async paymentsOf(ctx: RequestContext, invoiceIds: readonly number[]): Promise<Map<number, InvoicePaymentRow[]>> {
    const byInvoice = new Map<number, InvoicePaymentRow[]>(invoiceIds.map((id) => [id, []]));
    if (!invoiceIds.length) return byInvoice;
    const rows: InvoicePaymentRow[] = await ctx.manager.query(
      `SELECT invoice_id AS "invoiceId", paid_on::text AS "paidOn", payment_reference AS "paymentReference", amount::text AS amount
         FROM invoice_payment WHERE invoice_id = ANY($1) ORDER BY id`,
      [[...invoiceIds]],
    );
    for (const r of rows) byInvoice.get(r.invoiceId)?.push(r);
    return byInvoice;
  }

  /** Records payments (one statement for all of them). */
  async addPayments(tx: RequestContext, payments: readonly InvoicePaymentRow[]): Promise<void> {
    if (!payments.length) return;
    await tx.manager.query(`INSERT INTO invoice_payment (invoice_id, paid_on, payment_reference, amount) SELECT * FROM unnest($1::int[], $2::date[], $3::text[], $4::numeric[])`, [
      payments.map((p) => p.invoiceId),
      payments.map((p) => p.paidOn),
      payments.map((p) => p.paymentReference),
      payments.map((p) => p.amount),
    ]);
  }

  /** How many invoices (not credit notes) the supplier sent for the order: the portal numbers the next one after them. */
  countOfOrder(ctx: RequestContext, supplierId: number, orderId: number): Promise<number> {
    return ctx.manager.countBy(InvoiceEntity, { supplierId, orderId, kind: 'INVOICE' });
  }

  /** The ids of an order's undecided invoices (WAITING, EXCEPTION, UNDER_QUERY), oldest first. */
  async openOfOrder(ctx: RequestContext, orderId: number): Promise<number[]> {
    const rows = await ctx.manager.find(InvoiceEntity, { select: { id: true }, where: { orderId, status: In([...OPEN_INVOICE_STATES]) }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /**
   * Writes the invoice if nobody else has since it was read (optimistic lock on `version`),
   * bumping its version; otherwise 409 CONFLICT, nothing written. With `fresh`, a new invoice's
   * lines (their ids drawn by `insert`) and match reasons are written in the same statement.
   */
  async save(tx: RequestContext, invoice: InvoiceEntity, fresh?: FreshMatch): Promise<InvoiceEntity> {
    // Every column as the entity holds it, in plain SQL: TypeORM's update builder cost more
    // service CPU than the statement costs PostgreSQL (one per decision, on the intake path).
    const { sql, columns } = fresh ? invoiceUpdateWithMatch(tx) : invoiceUpdate(tx);
    const driver = tx.manager.connection.driver;
    const updatedAt = new Date();
    const values = columns.map((c) => driver.preparePersistentValue(c.propertyName === 'updatedAt' ? updatedAt : c.getEntityValue(invoice), c));
    const [, affected]: [unknown, number] = await preparedQueryIn(tx.manager, sql, [invoice.id, invoice.version, ...values, ...(fresh ? freshMatchParams(fresh) : [])]);
    if (!affected) throw conflict(`Invoice ${invoice.invoiceNumber} was changed by someone else meanwhile; read it again and retry`);
    invoice.updatedAt = updatedAt;
    invoice.version = invoice.version + 1;
    return invoice;
  }

  lines(ctx: RequestContext, invoiceId: number): Promise<InvoiceLineEntity[]> {
    return ctx.manager.find(InvoiceLineEntity, { where: { invoiceId }, order: { position: 'ASC' } });
  }

  /** The lines of several invoices, by invoice id (one query for a page). */
  async linesOf(ctx: RequestContext, invoiceIds: readonly number[]): Promise<Map<number, InvoiceLineEntity[]>> {
    const byInvoice = new Map<number, InvoiceLineEntity[]>(invoiceIds.map((id) => [id, []]));
    if (!invoiceIds.length) return byInvoice;
    const rows = await ctx.manager.find(InvoiceLineEntity, { where: { invoiceId: In([...invoiceIds]) }, order: { invoiceId: 'ASC', position: 'ASC' } });
    for (const row of rows) byInvoice.get(row.invoiceId)!.push(row);
    return byInvoice;
  }

  /** The VAT subtotals of several invoices, by invoice id. */
  async subtotalsOf(ctx: RequestContext, invoiceIds: readonly number[]): Promise<Map<number, InvoiceVatSubtotalEntity[]>> {
    const byInvoice = new Map<number, InvoiceVatSubtotalEntity[]>(invoiceIds.map((id) => [id, []]));
    if (!invoiceIds.length) return byInvoice;
    const rows = await ctx.manager.find(InvoiceVatSubtotalEntity, { where: { invoiceId: In([...invoiceIds]) }, order: { id: 'ASC' } });
    for (const row of rows) byInvoice.get(row.invoiceId)!.push(row);
    return byInvoice;
  }

  /** The match reasons of several invoices, by invoice id. */
  async reasonsOf(ctx: RequestContext, invoiceIds: readonly number[]): Promise<Map<number, InvoiceMatchReasonEntity[]>> {
    const byInvoice = new Map<number, InvoiceMatchReasonEntity[]>(invoiceIds.map((id) => [id, []]));
    if (!invoiceIds.length) return byInvoice;
    const rows = await ctx.manager.find(InvoiceMatchReasonEntity, { where: { invoiceId: In([...invoiceIds]) }, order: { id: 'ASC' } });
    for (const row of rows) byInvoice.get(row.invoiceId)!.push(row);
    return byInvoice;
  }

  /** Replaces a match's outcome: each line's resolved order line and status, and every reason (statements per status, not per line). */
  async storeMatch(
    tx: RequestContext,
    invoice: InvoiceEntity,
    outcome: { mode: StoredMatchMode | null; lines: { lineId: number; orderLineId: number | null; status: StoredLineMatchStatus }[]; reasons: NewMatchReason[] },
  ): Promise<void> {
    // Reasons are stored only here, with matchedAt: an invoice never matched has none to replace.
    if (invoice.matchedAt !== null) await tx.manager.delete(InvoiceMatchReasonEntity, { invoiceId: invoice.id });
    if (outcome.lines.length)
      await tx.manager.query(
        `UPDATE invoice_line l SET order_line_id = u.order_line_id, match_status = u.status
           FROM unnest($1::int[], $2::int[], $3::text[]) AS u(id, order_line_id, status)
          WHERE l.id = u.id AND l.invoice_id = $4`,
        [outcome.lines.map((l) => l.lineId), outcome.lines.map((l) => l.orderLineId), outcome.lines.map((l) => l.status), invoice.id],
      );
    if (outcome.reasons.length)
      await tx.manager.insert(
        InvoiceMatchReasonEntity,
        outcome.reasons.map((r) => ({ ...r, invoiceId: invoice.id })),
      );
    invoice.matchMode = outcome.mode;
    invoice.matchedAt = tx.now();
  }

  /**
   * What these order lines were invoiced before, net of credit notes, counting invoices that are
   * still to be paid (WAITING, EXCEPTION, APPROVED; a WAITING one only when it came before the
   * invoice matched, see invoicedBeforeSql) and approved credit notes; `exceptInvoiceId` is the
   * invoice being matched.
   */
  async invoicedBefore(ctx: RequestContext, orderLineIds: readonly number[], exceptInvoiceId: number): Promise<InvoicedBefore[]> {
    if (!orderLineIds.length) return [];
    return preparedQueryIn(ctx.manager, invoicedBeforeSql('$1', '$2', '$3', '$4'), [[...orderLineIds], exceptInvoiceId, [...COUNTED_INVOICE_STATES], InvoiceStatus.APPROVED]);
  }

  /** What approved credit notes have credited of an invoice so far (tax exclusive), "0" when none. */
  async creditedOf(ctx: RequestContext, invoiceId: number, exceptCreditNoteId: number): Promise<string> {
    const [row]: { credited: string }[] = await ctx.manager.query(
      `SELECT coalesce(sum(tax_exclusive_amount), 0)::text AS credited FROM invoice
        WHERE credited_invoice_id = $1 AND kind = 'CREDIT_NOTE' AND status = $2 AND id <> $3`,
      [invoiceId, InvoiceStatus.APPROVED, exceptCreditNoteId],
    );
    return row.credited;
  }

  /** A page of invoices, newest first, and how many there are. */
  async list(ctx: RequestContext, scope: InvoiceListScope, filter: InvoiceListFilter, offset: number, limit: number): Promise<{ rows: InvoiceEntity[]; total: number }> {
    const qb = ctx.manager.createQueryBuilder(InvoiceEntity, 'i');
    if ('supplierId' in scope) qb.where('i.supplier_id = :supplierId', { supplierId: scope.supplierId });
    else qb.where('i.buyer_organisation_id = ANY(:orgs)', { orgs: scope.buyerOrganisationIds });
    if (filter.statuses?.length) qb.andWhere('i.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.supplierId !== undefined) qb.andWhere('i.supplier_id = :supplier', { supplier: filter.supplierId });
    if (filter.orderId !== undefined) qb.andWhere('i.order_id = :orderId', { orderId: filter.orderId });
    if (filter.from) qb.andWhere('i.received_at >= CAST(:from AS date)', { from: filter.from });
    if (filter.to) qb.andWhere(`i.received_at < CAST(:to AS date) + 1`, { to: filter.to });
    const [rows, total] = await qb.orderBy('i.id', 'DESC').skip(offset).take(limit).getManyAndCount();
    return { rows, total };
  }

  /** The accounts payable queue: EXCEPTION and WAITING invoices of these organisations, oldest first, and how many there are. */
  async queue(ctx: RequestContext, buyerOrganisationIds: number[], offset: number, limit: number): Promise<{ rows: InvoiceEntity[]; total: number }> {
    const [rows, total] = await ctx.manager
      .createQueryBuilder(InvoiceEntity, 'i')
      .where('i.buyer_organisation_id = ANY(:orgs)', { orgs: buyerOrganisationIds })
      .andWhere('i.status IN (:...statuses)', { statuses: [...OPEN_INVOICE_STATES] })
      .orderBy('i.received_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return { rows, total };
  }
}

/**
 * What order lines were invoiced before (invoicedBefore's rows), the parameters named: the order
 * lines, the invoice left out, the invoice states counted and a credit note's. A WAITING invoice
 * counts only against invoices that came after it: two invoices waiting for the same goods are
 * served in the order they came, so that a partial receipt approves the first instead of leaving
 * each waiting for the goods the other claims.
 *
 * The order lines' invoice lines are found by their index and each one's invoice by its key: the
 * lateral subquery's OFFSET 0 keeps the planner from joining the two tables as it likes. Left to
 * choose on a table not yet analysed (a new database filling up, as the intake benchmark's does),
 * its generic plan walked every invoice and looked up each one's lines — 5 ms for an order of 50
 * lines after 300 invoices, growing with every invoice received; this way it costs what the
 * order's own invoice lines cost, whatever the statistics say.
 */
function invoicedBeforeSql(lines: string, except: string, counted: string, creditNote: string): string {
  return `SELECT l.order_line_id AS "orderLineId",
                 sum(CASE WHEN i.kind = 'CREDIT_NOTE' THEN -l.quantity ELSE l.quantity END)::text AS quantity,
                 sum(CASE WHEN i.kind = 'CREDIT_NOTE' THEN -l.line_amount ELSE l.line_amount END)::text AS amount
            FROM invoice_line l
            CROSS JOIN LATERAL (SELECT i.kind FROM invoice i
                                 WHERE i.id = l.invoice_id AND i.id <> ${except}
                                   AND ((i.kind = 'INVOICE' AND i.status = ANY(${counted}) AND (i.status <> '${InvoiceStatus.WAITING}' OR i.id < ${except}))
                                        OR (i.kind = 'CREDIT_NOTE' AND i.status = ${creditNote}))
                                OFFSET 0) i
           WHERE l.order_line_id = ANY(${lines})
           GROUP BY l.order_line_id`;
}

/**
 * The INSERT of a new invoice with the columns it is given (the others take their defaults, as
 * TypeORM's insert left them) and, in the same statement, its VAT subtotals from arrays (the five
 * parameters after the columns'), what the order lines named by the three after those were
 * invoiced before, the buyer's match policy chain, and ids for as many lines as the last
 * parameter says and for an Invoice Response and its outbound document; made once per set of columns from the entity's metadata.
 */
const invoiceInserts = new Map<string, { sql: string; columns: ColumnMetadata[] }>();
function invoiceInsert(ctx: RequestContext, row: object) {
  const given = ctx.manager.connection.getMetadata(InvoiceEntity).columns.filter((c) => !c.isGenerated && c.isInsert && c.getEntityValue(row) !== undefined);
  const key = given.map((c) => c.propertyName).join();
  let found = invoiceInserts.get(key);
  if (!found) {
    const n = given.length;
    const buyer = given.findIndex((c) => c.propertyName === 'buyerOrganisationId') + 1;
    // What the order's lines were invoiced before rides on the INSERT (the matcher needs it next;
    // one round trip fewer). Run after the order's lock, like the statement it replaces; the new
    // invoice has no lines yet, so leaving it out changes nothing.
    const INVOICED_BEFORE_JSON = `SELECT coalesce(json_agg(b), '[]'::json) FROM (${invoicedBeforeSql(`$${n + 6}::int[]`, 'new_invoice.id', `$${n + 7}::text[]`, `$${n + 8}::text`)}) b`;
    const sql = `WITH new_invoice AS (INSERT INTO invoice (${given.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES (${given.map((_, i) => `$${i + 1}`).join(', ')})
                             ON CONFLICT (supplier_id, kind, invoice_number) DO NOTHING RETURNING ${entityColumns(ctx.manager, InvoiceEntity)}),
                  s AS (INSERT INTO invoice_vat_subtotal (invoice_id, category, rate, taxable_amount, tax_amount, exemption_reason)
                        SELECT new_invoice.id, u.category, u.rate, u.taxable_amount, u.tax_amount, u.exemption_reason FROM new_invoice, unnest($${n + 1}::text[], $${n + 2}::numeric[], $${n + 3}::numeric[], $${n + 4}::numeric[], $${n + 5}::text[]) WITH ORDINALITY AS u(category, rate, taxable_amount, tax_amount, exemption_reason, o)
                        ORDER BY u.o),
                  -- Materialized: computed once, not inlined into each of the three places that read it (which
                  -- planned it three times). The line ids' sequence is looked up once (an InitPlan), not per line.
                  c AS MATERIALIZED (SELECT ${chainSql(`$${buyer}::int`)} AS chain)
                 SELECT new_invoice.*, (${INVOICED_BEFORE_JSON}) AS invoiced_before, ${chainPoliciesAndRulesSql('c.chain')},
                        ARRAY(SELECT nextval((SELECT pg_get_serial_sequence('invoice_line', 'id')))::int FROM generate_series(1, $${n + 9}::int)) AS line_ids,
                        ${NEXT_RESPONSE_IDS_SQL}
                   FROM new_invoice, c`;
    invoiceInserts.set(key, (found = { sql, columns: given }));
  }
  return found;
}

/** The UPDATE of every invoice column but id and version (bumped), made once from the entity's metadata. */
let invoiceUpdateOnce: { sql: string; columns: ColumnMetadata[] } | undefined;
function invoiceUpdate(ctx: RequestContext) {
  if (!invoiceUpdateOnce) {
    const columns = ctx.manager.connection.getMetadata(InvoiceEntity).columns.filter((c) => !c.isPrimary && c.propertyName !== 'version');
    const sets = columns.map((c, i) => `"${c.databaseName}" = $${i + 3}`);
    invoiceUpdateOnce = { sql: `UPDATE invoice SET ${sets.join(', ')}, version = version + 1 WHERE id = $1 AND version = $2`, columns };
  }
  return invoiceUpdateOnce;
}

/**
 * invoiceUpdate's UPDATE with a new invoice's lines and match reasons (freshMatchParams, after the
 * columns') written in the same statement; the lines' ids were drawn by the INSERT, so a reason
 * names its line by id. Made once from the entity's metadata.
 */
let invoiceUpdateWithMatchOnce: { sql: string; columns: ColumnMetadata[] } | undefined;
function invoiceUpdateWithMatch(ctx: RequestContext) {
  if (!invoiceUpdateWithMatchOnce) {
    const { sql, columns } = invoiceUpdate(ctx);
    const p = (i: number) => `$${columns.length + 2 + i}`;
    const lineArrays = ['int', 'int', 'text', 'numeric', 'text', 'numeric', 'numeric', 'numeric', 'text', 'numeric', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text'];
    const reasonArrays = ['int', 'text', 'text', 'text', 'text', 'text', 'numeric'];
    const lines = lineArrays.map((type, i) => `${p(i + 1)}::${type}[]`).join(', ');
    const reasons = reasonArrays.map((type, i) => `${p(lineArrays.length + i + 1)}::${type}[]`).join(', ');
    invoiceUpdateWithMatchOnce = {
      sql: `WITH l AS (INSERT INTO invoice_line (id, position, line_id, quantity, unit_code, net_unit_price, base_quantity, line_amount, vat_category, vat_rate,
                                              item_name, seller_item_id, gtin, unspsc_code, accounting_cost, order_line_ref, order_line_id, match_status, invoice_id)
                       SELECT u.*, $1 FROM unnest(${lines}) AS u),
                 r AS (INSERT INTO invoice_match_reason (invoice_id, invoice_line_id, code, message, expected, actual, difference, difference_nok)
                       SELECT $1, u.invoice_line_id, u.code, u.message, u.expected, u.actual, u.difference, u.difference_nok FROM unnest(${reasons}) WITH ORDINALITY AS u(invoice_line_id, code, message, expected, actual, difference, difference_nok, o) ORDER BY u.o)
            ${sql}`,
      columns,
    };
  }
  return invoiceUpdateWithMatchOnce;
}

/** freshMatch's arrays, in invoiceUpdateWithMatch's order: the lines' columns, then the reasons'. */
function freshMatchParams({ lines, reasons }: FreshMatch): unknown[] {
  const line = <K extends keyof InvoiceLineEntity>(key: K) => lines.map((l) => l[key]);
  const reason = <K extends keyof NewMatchReason>(key: K) => reasons.map((r) => r[key]);
  return [
    line('id'),
    line('position'),
    line('lineId'),
    line('quantity'),
    line('unitCode'),
    line('netUnitPrice'),
    line('baseQuantity'),
    line('lineAmount'),
    line('vatCategory'),
    line('vatRate'),
    line('itemName'),
    line('sellerItemId'),
    line('gtin'),
    line('unspscCode'),
    line('accountingCost'),
    line('orderLineRef'),
    line('orderLineId'),
    line('matchStatus'),
    reason('invoiceLineId'),
    reason('code'),
    reason('message'),
    reason('expected'),
    reason('actual'),
    reason('difference'),
    reason('differenceNok'),
  ];
}
