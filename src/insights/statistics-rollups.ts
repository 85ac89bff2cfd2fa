import { InsightQuery, SqlParams } from './insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis } from './insights.types';

/**
 * The statistics reports' statements over the rollups of migration 170 (spend per supplier,
 * orders and invoices per period, exceptions per reason, ceiling use, newest off-agreement
 * lines), each the twin of a fact-line statement in insight-reports.repository.ts that gives the
 * same rows. A builder returns null when its rollup cannot answer the query exactly (a filter or
 * grouping the rollup does not keep, a period not made of whole months): the fact lines answer
 * then. Every rollup is subtree-aware, read for the scope's tops only (as migration 105's).
 */

type Statement = { sql: string; params: unknown[] };

const isLastOfMonth = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).getUTCDate() === 1;
const wholeMonths = (q: InsightQuery) => (!q.from || q.from.endsWith('-01')) && (!q.to || isLastOfMonth(q.to));
const wholeYears = (q: InsightQuery) => (!q.from || q.from.endsWith('-01-01')) && (!q.to || q.to.endsWith('-12-31'));

/** The scope's tops and the period range over a rollup `f` whose period column is `period` ('all': none, and the query has no period range). */
function scopeConditions(q: InsightQuery, p: SqlParams, period: string): string[] {
  if (period === 'all' && (q.from || q.to)) throw new Error('an all-time rollup cannot answer a period range');
  const ids = q.subtreeTops;
  // One top as a plain equality: the planner then reads the key in order (see rollupQuery).
  const where = [ids.length === 1 ? `f.organisation_id = ${p.add(ids[0])}::int` : `f.organisation_id = ANY(${p.add(ids)}::int[])`];
  if (q.from) where.push(`f.${period} >= ${p.add(q.from)}::date`);
  if (q.to) where.push(`f.${period} <= ${p.add(q.to)}::date`);
  return where;
}

/** The period key as the fact-line statements print it (`date_trunc(…)::date::text`) from a rollup's period column. */
function periodKey(q: InsightQuery, p: SqlParams, period: 'month' | 'year'): { select: string; group: string } {
  if (q.period.toLowerCase() === period) return { select: `f.${period}::text AS "period"`, group: `f.${period}` };
  const expr = `date_trunc(${p.add(q.period.toLowerCase())}, f.${period})::date::text`;
  return { select: `${expr} AS "period"`, group: expr };
}

/** A document rollup (migration 170) that answers the query, or null. */
export interface DocumentRollup {
  table: string;
  /** The rollup's period column; 'all': none (migration 176's per supplier over all time). */
  period: 'month' | 'year' | 'all';
  bySupplier: boolean;
}

/**
 * The document rollup for spend, orders and invoices: grouped by no more than period and
 * supplier, filtered by no more than whole months and a supplier. Per supplier over all time
 * when the query has neither a period range nor a period grouping (a purchasing unit's spend per
 * supplier: one row per top and supplier, where the yearly rollup held one per year too); else by
 * year when the query is over whole years and needs no finer period (12 times fewer rows than
 * by month).
 */
export function documentRollupFor(q: InsightQuery): DocumentRollup | null {
  if (q.factLinesOnly || q.unspscCode || q.agreementId !== undefined || !wholeMonths(q)) return null;
  if (q.groupBy.some((d) => d !== InsightDimension.PERIOD && d !== InsightDimension.SUPPLIER)) return null;
  const prefix = q.basis === SpendBasis.ORDERED ? 'insights_order' : 'insights_invoice';
  const bySupplier = q.groupBy.includes(InsightDimension.SUPPLIER) || q.supplierId !== undefined;
  if (!bySupplier) return { table: `${prefix}_tree_document_month f`, period: 'month', bySupplier };
  if (!q.from && !q.to && !q.groupBy.includes(InsightDimension.PERIOD)) return { table: `${prefix}_tree_supplier_all f`, period: 'all', bySupplier };
  const yearly = wholeYears(q) && (!q.groupBy.includes(InsightDimension.PERIOD) || q.period === PeriodGrouping.YEAR);
  return { table: `${prefix}_tree_supplier_${yearly ? 'year' : 'month'} f`, period: yearly ? 'year' : 'month', bySupplier };
}

/** Whether a document whose lines disagree on buyer, month or supplier exists: then no document rollup is exact. */
export function mixedDocumentsExist(basis: SpendBasis): string {
  return `SELECT EXISTS (SELECT 1 FROM ${basis === SpendBasis.ORDERED ? 'insights_order_document' : 'insights_invoice_document'} WHERE mixed) AS mixed`;
}

/**
 * `SELECT keys, measures FROM document rollup … GROUP BY keys HAVING documents > 0 ORDER BY keys
 * NULLS LAST`; with no key, one row, or none when it finds no document (as the fact-line
 * statement, grouped by currency, has none then).
 */
export function documentRollupQuery(q: InsightQuery, r: DocumentRollup, measures: string[]): Statement {
  const p = new SqlParams();
  const where = scopeConditions(q, p, r.period);
  if (q.supplierId !== undefined) where.push(`f.supplier_id = ${p.add(q.supplierId)}::int`);
  const select: string[] = [];
  const group: string[] = [];
  if (q.groupBy.includes(InsightDimension.PERIOD)) {
    if (r.period === 'all') throw new Error('an all-time rollup cannot group by period');
    const k = periodKey(q, p, r.period);
    select.push(k.select);
    group.push(k.group);
  }
  if (q.groupBy.includes(InsightDimension.SUPPLIER)) {
    select.push('f.supplier_id AS "supplierId"');
    group.push('f.supplier_id');
    if (q.basis === SpendBasis.ORDERED) {
      select.push('f.free_text_supplier AS "freeTextSupplier"');
      group.push('f.free_text_supplier');
    }
  }
  const grouped = group.length ? ` GROUP BY ${group.join(', ')}` : '';
  const order = group.length ? ` ORDER BY ${group.map((_, i) => `${i + 1} NULLS LAST`).join(', ')}` : '';
  return {
    sql: `SELECT ${[...select, ...measures].join(', ')} FROM ${r.table} WHERE ${where.join(' AND ')}${grouped} HAVING sum(f.documents) > 0${order}`,
    params: p.values,
  };
}

/** Exceptions per month and reason (migration 170) when grouped by no more than period, over whole months, no supplier. */
export function exceptionRollupQuery(q: InsightQuery, keptDimensions: InsightDimension[]): Statement | null {
  if (q.factLinesOnly || q.supplierId !== undefined || !wholeMonths(q) || keptDimensions.some((d) => d !== InsightDimension.PERIOD)) return null;
  const p = new SqlParams();
  const where = scopeConditions(q, p, 'month');
  const byPeriod = keptDimensions.includes(InsightDimension.PERIOD);
  const k = byPeriod ? periodKey(q, p, 'month') : null;
  const keyed = (sql: string) => (k ? `${k.select}, ${sql}` : sql);
  // Reason '' holds every invoice received; the others, those given the reason.
  return {
    sql: `WITH r AS (SELECT ${keyed('f.reason, sum(f.invoices)::int AS n, sum(f.exceptions)::int AS e')} FROM insights_invoice_exception_tree_month f
                      WHERE ${where.join(' AND ')} GROUP BY ${k ? `${k.group}, ` : ''}f.reason HAVING sum(f.invoices) > 0),
               totals AS (${
                 k
                   ? `SELECT period, n AS received, e AS exceptions FROM r WHERE reason = ''`
                   : `SELECT coalesce(sum(n) FILTER (WHERE reason = ''), 0)::int AS received, coalesce(sum(e) FILTER (WHERE reason = ''), 0)::int AS exceptions FROM r`
               }),
               reasons AS (SELECT ${k ? 'period, ' : ''}reason, n FROM r WHERE reason <> '')
          SELECT ${k ? 't.period, ' : ''}r.reason, t.received, t.exceptions, coalesce(r.n, 0) AS "withReason", round(coalesce(r.n, 0)::numeric / t.received, 4)::float8 AS rate
            FROM totals t LEFT JOIN reasons r ON ${k ? 't.period IS NOT DISTINCT FROM r.period' : 'true'}
           WHERE t.received > 0
           ORDER BY ${k ? 't.period, ' : ''}r.reason NULLS FIRST`,
    params: p.values,
  };
}

/** Ordered spend per agreement (migration 170) over whole months, no category, supplier or agreement filter. */
export function ceilingRollupQuery(q: InsightQuery): Statement | null {
  if (q.factLinesOnly || q.unspscCode || q.supplierId !== undefined || q.agreementId !== undefined || !wholeMonths(q)) return null;
  const p = new SqlParams();
  const where = scopeConditions(q, p, 'month');
  return {
    sql: `SELECT f.agreement_id AS "agreementId", round(sum(f.amount), 2)::text AS amount FROM insights_order_tree_agreement_month f
           WHERE ${where.join(' AND ')} GROUP BY 1 HAVING sum(f.lines) > 0 ORDER BY 1`,
    params: p.values,
  };
}

/**
 * The newest off-agreement lines through the leak index (migration 170): per top, its newest
 * `offset + limit` entries in key order (a backward index scan), merged, the page taken, then
 * the page's fact lines read. Any period; no category, supplier or agreement filter.
 */
export function newestLeakingLines(q: InsightQuery, columns: string, offset: number, limit: number): Statement | null {
  if (q.factLinesOnly || q.unspscCode || q.supplierId !== undefined || q.agreementId !== undefined) return null;
  const p = new SqlParams();
  const ordered = q.basis === SpendBasis.ORDERED;
  const range = [q.from ? `l.spend_date >= ${p.add(q.from)}::date` : '', q.to ? `l.spend_date <= ${p.add(q.to)}::date` : ''].filter(Boolean);
  const tops = p.add(q.subtreeTops);
  const o = p.add(offset);
  const n = p.add(limit);
  return {
    sql: `WITH page AS (
            SELECT x.spend_date, x.line_id FROM unnest(${tops}::int[]) AS t(id) CROSS JOIN LATERAL (
              SELECT l.spend_date, l.line_id FROM ${ordered ? 'insights_order_leak_tree' : 'insights_invoice_leak_tree'} l
               WHERE l.organisation_id = t.id${range.map((c) => ` AND ${c}`).join('')}
               ORDER BY l.spend_date DESC, l.line_id DESC LIMIT ${o}::bigint + ${n}::bigint) x
             ORDER BY 1 DESC, 2 DESC OFFSET ${o} LIMIT ${n})
          SELECT ${columns} FROM page JOIN ${ordered ? 'insights_order_line f ON f.order_line_id' : 'insights_invoice_line f ON f.invoice_line_id'} = page.line_id
           ORDER BY f.spend_date DESC, 3 DESC`,
    params: p.values,
  };
}
