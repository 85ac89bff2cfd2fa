import { Inject, Injectable } from '@nestjs/common';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { badInput } from '../platform/errors/domain-error';
import type { RequestContext } from '../platform/context/request-context';
import {
  dimensions,
  dimensionsWithCurrency,
  EXCEPTION_DIMENSIONS,
  factConditions,
  factTable,
  foreignCurrencyQuery,
  groupedQuery,
  InsightQuery,
  ROLLUP_CURRENCY,
  rollupFor,
  rollupQuery,
  SqlParams,
} from './insight-query';
import { SpendBasis } from './insights.types';
import { ceilingRollupQuery, documentRollupFor, documentRollupQuery, exceptionRollupQuery, mixedDocumentsExist, newestLeakingLines } from './statistics-rollups';

const sum = (expr: string, cond?: string) => `coalesce(sum(${expr})${cond ? ` FILTER (WHERE ${cond})` : ''}, 0)`;
/** A sum of money as text with two decimals, as the Decimal scalar prints it (the exports show the same). */
const money = (expr: string, cond?: string) => `round(${sum(expr, cond)}, 2)::text`;
const ratio = (num: string, den: string) => `round(${num} / nullif(${den}, 0), 4)::float8`;
const LEAKING = `f.loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE')`;

/** Raw rows of a report: InsightKey's ids plus its measures (names are added by the service). */
export type ReportRow = Record<string, unknown> & { organisationId?: number | null; supplierId?: number | null; freeTextSupplier?: string | null };

/**
 * Insights' reports, each one aggregate statement over a fact table (GROUP BY in PostgreSQL,
 * never a loop over facts here). The statement text comes from insight-query.ts; values are
 * always parameters.
 */
@Injectable()
export class InsightReportsRepository {
  constructor(@Inject(TORG_CONFIG) private readonly config: TorgConfig) {}

  async loyalty(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const rollup = await this.spendRollup(ctx, q);
    if (rollup) {
      return this.run(
        ctx,
        rollupQuery(
          q,
          rollup,
          [
            `${money('f.on_agreement')} AS "onAgreement"`,
            `${money('f.off_agreement')} AS "offAgreement"`,
            `${money('f.off_catalogue')} AS "offCatalogue"`,
            `${money('f.not_covered')} AS "notCovered"`,
            `${money('f.amount')} AS total`,
            `${ratio(sum('f.on_agreement'), sum('f.on_agreement + f.off_agreement + f.off_catalogue'))} AS "agreementLoyalty"`,
            `${money('f.supplier_loyal')} AS "supplierLoyal"`,
            `${money('f.supplier_outside')} AS "agreementSupplierOutside"`,
            `${money('f.other_supplier')} AS "otherSuppliers"`,
            `${ratio(sum('f.supplier_loyal'), sum('f.amount'))} AS "supplierLoyalty"`,
            'sum(f.lines)::int AS lines',
            ROLLUP_CURRENCY,
          ],
          'sum(f.lines) > 0',
        ),
      );
    }
    const on = sum('f.amount', `f.loyalty = 'ON_AGREEMENT'`);
    const covered = sum('f.amount', `f.loyalty <> 'NOT_COVERED'`);
    const loyal = sum('f.amount', `f.supplier_loyalty = 'LOYAL'`);
    return this.run(
      ctx,
      groupedQuery(q, [
        `${money('f.amount', `f.loyalty = 'ON_AGREEMENT'`)} AS "onAgreement"`,
        `${money('f.amount', `f.loyalty = 'OFF_AGREEMENT'`)} AS "offAgreement"`,
        `${money('f.amount', `f.loyalty = 'OFF_CATALOGUE'`)} AS "offCatalogue"`,
        `${money('f.amount', `f.loyalty = 'NOT_COVERED'`)} AS "notCovered"`,
        `${money('f.amount')} AS total`,
        `${ratio(on, covered)} AS "agreementLoyalty"`,
        `round(${loyal}, 2)::text AS "supplierLoyal"`,
        `${money('f.amount', `f.supplier_loyalty = 'AGREEMENT_SUPPLIER_OUTSIDE'`)} AS "agreementSupplierOutside"`,
        `${money('f.amount', `f.supplier_loyalty = 'OTHER_SUPPLIER'`)} AS "otherSuppliers"`,
        `${ratio(loyal, sum('f.amount'))} AS "supplierLoyalty"`,
        'count(*)::int AS lines',
      ]),
    );
  }

  async leakage(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const rollup = await this.spendRollup(ctx, q);
    if (rollup) {
      return this.run(
        ctx,
        rollupQuery(
          q,
          rollup,
          [
            'sum(f.leak_lines)::int AS lines',
            `${money('f.leak_amount')} AS amount`,
            'sum(f.leak_alternatives)::int AS "linesWithAlternative"',
            `${money('f.potential_saving')} AS "potentialSaving"`,
            ROLLUP_CURRENCY,
          ],
          'sum(f.leak_lines) > 0',
        ),
      );
    }
    return this.run(
      ctx,
      groupedQuery(
        q,
        ['count(*)::int AS lines', `${money('f.amount')} AS amount`, 'count(f.alternative_item_id)::int AS "linesWithAlternative"', `${money('f.potential_saving')} AS "potentialSaving"`],
        [LEAKING],
      ),
    );
  }

  async spend(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const rollup = await this.documentRollup(ctx, q);
    if (rollup)
      return this.run(
        ctx,
        documentRollupQuery(q, rollup, [`${money('f.amount')} AS amount`, 'coalesce(sum(f.lines), 0)::int AS lines', 'coalesce(sum(f.documents), 0)::int AS documents', ROLLUP_CURRENCY]),
      );
    const document = q.basis === SpendBasis.ORDERED ? 'f.order_id' : 'f.invoice_id';
    return this.run(ctx, groupedQuery(q, [`${money('f.amount')} AS amount`, 'count(*)::int AS lines', `count(DISTINCT ${document})::int AS documents`]));
  }

  /**
   * Eco-labelled spend (issue 17 §2): the eco-label flag each fact line carries as bought (null:
   * unknown, a free-text line or an invoice line on no order line). Read from the fact lines
   * through their (buyer, date) index, not a rollup: this keeps the rollup tables and their
   * triggers (migrations 91, 105, 170, 176, 198) as they are, and a report of a scope's months is
   * one range scan per organisation. A credit note's negative lines take back what their invoice
   * counted, on its side of the split.
   */
  ecoLabelledSpend(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const eco = sum('f.amount', 'f.eco_labelled');
    return this.run(
      ctx,
      groupedQuery(q, [
        `${money('f.amount')} AS total`,
        `${money('f.amount', 'f.eco_labelled')} AS "ecoLabelled"`,
        `${money('f.amount', 'NOT f.eco_labelled')} AS "notLabelled"`,
        `${money('f.amount', 'f.eco_labelled IS NULL')} AS unknown`,
        `round(${eco} / nullif(${sum('f.amount')}, 0), 4)::text AS "ecoLabelledShare"`,
        `round(${eco} / nullif(${sum('f.amount', 'f.eco_labelled IS NOT NULL')}, 0), 4)::text AS "ecoLabelledShareOfKnown"`,
        'count(*)::int AS lines',
      ]),
    );
  }

  /** Off-agreement lines, newest first, a page at a time (through the leak index of migration 170 where it answers). */
  offAgreementLines(ctx: RequestContext, q: InsightQuery, offset: number, limit: number): Promise<ReportRow[]> {
    const ordered = q.basis === SpendBasis.ORDERED;
    const columns = ordered
      ? `'ORDER' AS source, f.order_no AS "documentNumber", f.order_line_id AS "lineId", f.supplier_name AS "supplierName",
         f.justification_code AS "justificationCode", f.justification_text AS "justificationText"`
      : `f.kind AS source, f.invoice_number AS "documentNumber", f.invoice_line_id AS "lineId", NULL AS "supplierName",
         NULL AS "justificationCode", NULL AS "justificationText"`;
    const selected = `${columns}, f.spend_date::text AS date, f.buyer_organisation_id AS "organisationId", f.supplier_id AS "supplierId",
                   f.unspsc_code AS "unspscCode", f.quantity::text AS quantity, f.unit_code AS "unitCode", f.currency::text AS currency, round(f.amount, 2)::text AS amount, f.loyalty,
                   f.alternative_item_id::text AS "alternativeItemId", f.alternative_name AS "alternativeName", f.alternative_agreement_id AS "alternativeAgreementId",
                   f.alternative_unit_price::text AS "alternativeUnitPrice", f.alternative_level AS "alternativeLevel", round(f.potential_saving, 2)::text AS "potentialSaving"`;
    const indexed = newestLeakingLines(q, selected, offset, limit);
    if (indexed) return this.run(ctx, indexed);
    const p = new SqlParams();
    const where = [...factConditions(q, p), LEAKING];
    return this.run(ctx, {
      sql: `SELECT ${selected} FROM ${factTable(q.basis)} WHERE ${where.join(' AND ')}
             ORDER BY f.spend_date DESC, 3 DESC OFFSET ${p.add(offset)} LIMIT ${p.add(limit)}`,
      params: p.values,
    });
  }

  /** Orders per group: count, amount, average hours from submit to approval (per order, not per line). */
  async orders(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const rollup = await this.documentRollup(ctx, { ...q, basis: SpendBasis.ORDERED });
    if (rollup) {
      // avg(secs) is sum(secs) / count: the same numeric division, so the same rounding.
      return this.run(
        ctx,
        documentRollupQuery({ ...q, basis: SpendBasis.ORDERED }, rollup, [
          'coalesce(sum(f.documents), 0)::int AS orders',
          `${money('f.amount')} AS amount`,
          'round((sum(f.approval_secs) / sum(f.documents) / 3600)::numeric, 2)::float8 AS "averageApprovalHours"',
          ROLLUP_CURRENCY,
        ]),
      );
    }
    return this.perDocument(
      ctx,
      { ...q, basis: SpendBasis.ORDERED },
      'f.order_id',
      ['sum(f.amount) AS amount', 'extract(epoch FROM min(f.approved_at) - min(f.submitted_at)) AS secs'],
      ['count(*)::int AS orders', `${money('amount')} AS amount`, 'round((avg(secs) / 3600)::numeric, 2)::float8 AS "averageApprovalHours"'],
    );
  }

  /** Invoices per group: counts, amount with and without an order, average days from order submit to invoice receipt. */
  async invoices(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const rollup = await this.documentRollup(ctx, { ...q, basis: SpendBasis.INVOICED });
    if (rollup) {
      return this.run(
        ctx,
        documentRollupQuery({ ...q, basis: SpendBasis.INVOICED }, rollup, [
          'coalesce(sum(f.invoices), 0)::int AS invoices',
          'coalesce(sum(f.credit_notes), 0)::int AS "creditNotes"',
          `${money('f.amount')} AS amount`,
          `${money('f.with_order_amount')} AS "withOrder"`,
          `round(coalesce(sum(f.amount), 0) - coalesce(sum(f.with_order_amount), 0), 2)::text AS "withoutOrder"`,
          `${ratio(sum('f.with_order_amount'), sum('f.amount'))} AS "electronicOrderShare"`,
          'round((sum(f.lead_secs) / nullif(sum(f.lead_count), 0) / 86400)::numeric, 2)::float8 AS "averageOrderToInvoiceDays"',
          ROLLUP_CURRENCY,
        ]),
      );
    }
    return this.perDocument(
      ctx,
      { ...q, basis: SpendBasis.INVOICED },
      'f.invoice_id',
      ['min(f.kind) AS kind', 'bool_or(f.order_id IS NOT NULL) AS with_order', 'sum(f.amount) AS amount', 'extract(epoch FROM min(f.received_at) - min(f.order_submitted_at)) AS lead_secs'],
      [
        `count(*) FILTER (WHERE kind = 'INVOICE')::int AS invoices`,
        `count(*) FILTER (WHERE kind = 'CREDIT_NOTE')::int AS "creditNotes"`,
        `${money('amount')} AS amount`,
        `${money('amount', 'with_order')} AS "withOrder"`,
        `${money('amount', 'NOT with_order')} AS "withoutOrder"`,
        `${ratio(sum('amount', 'with_order'), sum('amount'))} AS "electronicOrderShare"`,
        'round((avg(lead_secs) / 86400)::numeric, 2)::float8 AS "averageOrderToInvoiceDays"',
      ],
    );
  }

  /**
   * Invoices received per group (period of receipt, organisation, supplier), those that went to
   * exception, and per reason how many were given it; a group without exceptions has one row
   * with reason null. Category and agreement do not apply (an invoice's match is its whole).
   */
  exceptionRates(ctx: RequestContext, q: InsightQuery): Promise<ReportRow[]> {
    const rolled = exceptionRollupQuery(
      q,
      q.groupBy.filter((d) => EXCEPTION_DIMENSIONS.includes(d)),
    );
    if (rolled) return this.run(ctx, rolled);
    const p = new SqlParams();
    const where = [`f.buyer_organisation_id = ANY(${p.add(q.organisationIds)}::int[])`];
    if (q.from) where.push(`f.received_date >= ${p.add(q.from)}::date`);
    if (q.to) where.push(`f.received_date <= ${p.add(q.to)}::date`);
    if (q.supplierId !== undefined) where.push(`f.supplier_id = ${p.add(q.supplierId)}::int`);
    const dims = dimensions({ ...q, groupBy: q.groupBy.filter((d) => EXCEPTION_DIMENSIONS.includes(d)), basis: SpendBasis.INVOICED }, p, 'f.received_date');
    const keys = dims.select.map((s) => s.slice(s.lastIndexOf(' AS ') + 4));
    const inner = `SELECT ${[...dims.select, 'f.reason_codes', 'f.ever_exception'].join(', ')} FROM insights_invoice f WHERE ${where.join(' AND ')}`;
    const join = keys.length ? keys.map((k) => `t.${k} IS NOT DISTINCT FROM r.${k}`).join(' AND ') : 'true';
    const groupKeys = keys.length ? `${keys.join(', ')}, ` : '';
    return this.run(ctx, {
      sql: `WITH inv AS (${inner}),
                 totals AS (SELECT ${groupKeys}count(*)::int AS received, count(*) FILTER (WHERE ever_exception)::int AS exceptions FROM inv ${keys.length ? `GROUP BY ${keys.join(', ')}` : ''}),
                 reasons AS (SELECT ${groupKeys}reason, count(*)::int AS n FROM inv, unnest(reason_codes) AS reason GROUP BY ${groupKeys}reason)
            SELECT ${keys.map((k) => `t.${k}`).join(', ')}${keys.length ? ', ' : ''}r.reason, t.received, t.exceptions, coalesce(r.n, 0) AS "withReason",
                   round(coalesce(r.n, 0)::numeric / t.received, 4)::float8 AS rate
              FROM totals t LEFT JOIN reasons r ON ${join}
             WHERE t.received > 0
             ORDER BY ${keys.map((k) => `t.${k}`).join(', ')}${keys.length ? ', ' : ''}r.reason NULLS FIRST`,
      params: p.values,
    });
  }

  /** Ordered spend per agreement on the lines the query covers (for the ceiling report). */
  orderedPerAgreement(ctx: RequestContext, q: InsightQuery): Promise<{ agreementId: number; amount: string }[]> {
    const rolled = ceilingRollupQuery(q);
    if (rolled) return ctx.manager.query(rolled.sql, rolled.params);
    const p = new SqlParams();
    const where = [...factConditions({ ...q, basis: SpendBasis.ORDERED }, p), 'f.agreement_id IS NOT NULL'];
    return ctx.manager.query(`SELECT f.agreement_id AS "agreementId", round(sum(f.amount), 2)::text AS amount FROM insights_order_line f WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`, p.values);
  }

  /** Lines grouped per document first (so averages are per order or invoice), then per the query's dimensions and currency. */
  private perDocument(ctx: RequestContext, q: InsightQuery, document: string, inner: string[], outer: string[]): Promise<ReportRow[]> {
    const p = new SqlParams();
    const where = factConditions(q, p);
    const dims = dimensionsWithCurrency(q, p);
    const keys = dims.select.map((s) => s.slice(s.lastIndexOf(' AS ') + 4));
    const group = ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} NULLS LAST`).join(', ')}`;
    return this.run(ctx, {
      sql: `SELECT ${[...keys, ...outer].join(', ')} FROM (
              SELECT ${[...dims.select, ...inner].join(', ')} FROM ${factTable(q.basis)} WHERE ${where.join(' AND ')}
               GROUP BY ${[...dims.groupBy, document].join(', ')}) d${group}`,
      params: p.values,
    });
  }

  /** The spend rollup that answers the query (insight-query.ts), unless the scope has spend in another currency than kroner. */
  private async spendRollup(ctx: RequestContext, q: InsightQuery) {
    const rollup = rollupFor(q);
    return rollup && !(await this.foreignCurrency(ctx, q)) ? rollup : null;
  }

  /** The document rollup that answers the query (statistics-rollups.ts), unless a mixed document or another currency than kroner makes the fact lines the only exact answer. */
  private async documentRollup(ctx: RequestContext, q: InsightQuery) {
    const rollup = documentRollupFor(q);
    if (!rollup) return null;
    const [found] = await ctx.manager.query(mixedDocumentsExist(q.basis), []);
    return found?.mixed || (await this.foreignCurrency(ctx, q)) ? null : rollup;
  }

  /** Whether the scope has a fact line in another currency than kroner: the rollups, which keep none, cannot answer then. */
  private async foreignCurrency(ctx: RequestContext, q: InsightQuery): Promise<boolean> {
    const { sql, params } = foreignCurrencyQuery(q);
    const [found] = await ctx.manager.query(sql, params);
    return Boolean(found?.foreign);
  }

  /**
   * A report's statement, at most INSIGHT_MAX_ROWS rows: one more is read to tell, and a wider
   * report is refused with what would narrow it. Every class of 200 organisations over three years
   * is half a million rows: seconds of the service's time for a table no one reads (the export
   * too). A statement that pages itself (ending in LIMIT) is run as it is.
   */
  private async run(ctx: RequestContext, { sql, params }: { sql: string; params: unknown[] }): Promise<ReportRow[]> {
    const max = this.config.insightMaxRows;
    const rows: ReportRow[] = await ctx.manager.query(/\bLIMIT\s+\S+\s*$/i.test(sql) ? sql : `${sql} LIMIT ${max + 1}`, params);
    if (rows.length > max)
      throw badInput(
        `The report has more than ${max.toLocaleString('en')} rows (INSIGHT_MAX_ROWS): narrow it by period (from, to), category (unspscCode, or a coarser unspscLevel), organisation or supplier, or group it by fewer dimensions`,
        { field: 'groupBy' },
      );
    return rows;
  }
}
