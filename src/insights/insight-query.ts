import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from './insights.types';

/** A report's filter once access is decided: the organisations it may cover, and the rest as given. */
export interface InsightQuery {
  /** Buyer organisations whose spend is covered (the caller's scope, narrowed to the filter's subtree). */
  organisationIds: number[];
  /** The tops of the subtrees organisationIds make up (the subtree rollups are read for these). */
  subtreeTops: number[];
  from?: string;
  to?: string;
  period: PeriodGrouping;
  unspscLevel: UnspscLevelName;
  unspscCode?: string;
  supplierId?: number;
  agreementId?: number;
  basis: SpendBasis;
  groupBy: InsightDimension[];
  /** Answer from the fact lines even where a rollup could (tests and benches compare the two; the service never sets it). */
  factLinesOnly?: boolean;
}

const LEVEL_DIGITS: Record<UnspscLevelName, number> = { SEGMENT: 2, FAMILY: 4, CLASS: 6, COMMODITY: 8 };

/** Collects positional parameters ($1, $2, …) as a statement is built. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The fact table of the basis, as `f`. */
export function factTable(basis: SpendBasis): string {
  return basis === SpendBasis.ORDERED ? 'insights_order_line f' : 'insights_invoice_line f';
}

/**
 * The WHERE conditions of a query over the facts (as `f`). A code filter is a prefix of its
 * significant digits ("44120000" → "4412%"); an agreement filter takes the lines bought on it
 * and those bought outside it in its scope, so its loyalty can be read.
 */
export function factConditions(q: InsightQuery, p: SqlParams): string[] {
  const where = [`f.buyer_organisation_id = ANY(${p.add(q.organisationIds)}::int[])`];
  if (q.basis === SpendBasis.ORDERED) where.push('NOT f.cancelled');
  if (q.from) where.push(`f.spend_date >= ${p.add(q.from)}::date`);
  if (q.to) where.push(`f.spend_date <= ${p.add(q.to)}::date`);
  if (q.unspscCode) where.push(`f.unspsc_code LIKE ${p.add(`${significantPrefix(q.unspscCode)}%`)}`);
  if (q.supplierId !== undefined) where.push(`f.supplier_id = ${p.add(q.supplierId)}::int`);
  if (q.agreementId !== undefined) {
    const a = p.add(q.agreementId);
    where.push(q.basis === SpendBasis.ORDERED ? `(f.agreement_id = ${a}::int OR ${a}::int = ANY(f.covering_agreement_ids))` : `(f.agreement_id = ${a}::int OR f.invoice_agreement_id = ${a}::int)`);
  }
  return where;
}

/** A code's digits down to its level: "44120000" → "4412"; a full commodity keeps all 8. */
export function significantPrefix(code: string): string {
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** The SELECT expressions (aliased as InsightKey's fields) and GROUP BY expressions of the query's dimensions. */
export function dimensions(q: InsightQuery, p: SqlParams, dateColumn = 'f.spend_date'): { select: string[]; groupBy: string[] } {
  const select: string[] = [];
  const groupBy: string[] = [];
  const by = (expr: string, alias: string) => {
    select.push(`${expr} AS "${alias}"`);
    groupBy.push(expr);
  };
  for (const d of DIMENSION_ORDER.filter((x) => q.groupBy.includes(x))) {
    if (d === InsightDimension.PERIOD) by(`date_trunc(${p.add(q.period.toLowerCase())}, ${dateColumn})::date::text`, 'period');
    if (d === InsightDimension.ORGANISATION) by('f.buyer_organisation_id', 'organisationId');
    if (d === InsightDimension.CATEGORY) by(`rpad(left(f.unspsc_code, ${LEVEL_DIGITS[q.unspscLevel]}), 8, '0')`, 'category');
    if (d === InsightDimension.SUPPLIER) {
      by('f.supplier_id', 'supplierId');
      // A supplier outside Torg has no id: each name it was ordered under is its own row.
      if (q.basis === SpendBasis.ORDERED) by('CASE WHEN f.supplier_id IS NULL THEN f.supplier_name END', 'freeTextSupplier');
    }
    if (d === InsightDimension.AGREEMENT) by('f.agreement_id', 'agreementId');
  }
  return { select, groupBy };
}

/** The dimensions an invoice's match outcome has (it is the whole invoice's: no category or agreement). */
export const EXCEPTION_DIMENSIONS: readonly InsightDimension[] = [InsightDimension.PERIOD, InsightDimension.ORGANISATION, InsightDimension.SUPPLIER];

/** Rows come grouped and ordered in this order of dimensions, whatever order the filter names them in. */
export const DIMENSION_ORDER = [InsightDimension.PERIOD, InsightDimension.ORGANISATION, InsightDimension.CATEGORY, InsightDimension.SUPPLIER, InsightDimension.AGREEMENT];

/**
 * The dimensions with the currency last: every money report is grouped by currency too, so a row
 * sums amounts of one currency only (its `currency` field says which).
 */
export function dimensionsWithCurrency(q: InsightQuery, p: SqlParams, dateColumn?: string): { select: string[]; groupBy: string[] } {
  const dims = dimensions(q, p, dateColumn);
  return { select: [...dims.select, 'f.currency::text AS currency'], groupBy: [...dims.groupBy, 'f.currency'] };
}

/** `SELECT dims, currency, measures FROM facts WHERE … GROUP BY dims, currency ORDER BY them`, with extra conditions. */
export function groupedQuery(q: InsightQuery, measures: string[], extraConditions: string[] = []): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const where = [...factConditions(q, p), ...extraConditions];
  const dims = dimensionsWithCurrency(q, p);
  const group = ` GROUP BY ${dims.groupBy.join(', ')} ORDER BY ${dims.groupBy.map((_, i) => `${i + 1} NULLS LAST`).join(', ')}`;
  return { sql: `SELECT ${[...dims.select, ...measures].join(', ')} FROM ${factTable(q.basis)} WHERE ${where.join(' AND ')}${group}`, params: p.values };
}

/**
 * Whether the scope has a fact line in a currency other than kroner within the query's period
 * (through the partial indexes of migration 197, keyed by buyer and date). The rollups sum
 * amounts without a currency, so they answer only when it has none there; their rows are then in
 * NOK. A period without foreign spend reads the rollups even if the scope spent in euros at
 * another time: the rollup rows outside the period are not read.
 */
export function foreignCurrencyQuery(q: InsightQuery): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const table = q.basis === SpendBasis.ORDERED ? 'insights_order_line' : 'insights_invoice_line';
  const where = [`currency <> 'NOK'`, `buyer_organisation_id = ANY(${p.add(q.organisationIds)}::int[])`];
  if (q.from) where.push(`spend_date >= ${p.add(q.from)}::date`);
  if (q.to) where.push(`spend_date <= ${p.add(q.to)}::date`);
  return { sql: `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${where.join(' AND ')}) AS "foreign"`, params: p.values };
}

/** The currency column of a rollup's rows: the rollups are read only when every line is in kroner (foreignCurrencyQuery). */
export const ROLLUP_CURRENCY = `'NOK' AS currency`;

/** A rollup table (as `f`) and the columns a query reads it by. */
export interface Rollup {
  table: string;
  /** The organisation column, and which ids of the query it is matched against. */
  organisation: 'buyer_organisation_id' | 'organisation_id';
  /** The column holding the first day of the month or year the row sums. */
  period: 'month' | 'year';
  /** The UNSPSC column it keeps: none, the segment (2 digits, migrations 91 and 105) or the class (6 digits, migrations 198 and 192). */
  category: 'none' | 'segment' | 'class';
}

/** The UNSPSC digits a query needs: its category level when grouped by category, its code filter's significant digits. */
function categoryDigits(q: InsightQuery): number {
  const byLevel = q.groupBy.includes(InsightDimension.CATEGORY) ? LEVEL_DIGITS[q.unspscLevel] : 0;
  return Math.max(byLevel, q.unspscCode ? significantPrefix(q.unspscCode).length : 0);
}

/**
 * The rollup that answers the query exactly, if one does (migrations 91, 105, 198 and 192): grouped
 * by no more than period, organisation and UNSPSC category, filtered by no more than whole months
 * and a category, no supplier or agreement. Null when only the fact lines can. Grouped by
 * organisation, the per-organisation rollups (by class when it needs family or class digits:
 * migration 192); otherwise the subtree rollups,
 * summed over the scope's tops only (for a purchasing unit 21 instead of 200 organisations'
 * rows), by year when the query is by segment over whole years and needs no finer period, by
 * class when it needs family or class digits (a commodity: the fact lines).
 */
export function rollupFor(q: InsightQuery): Rollup | null {
  if (q.factLinesOnly) return null;
  if (q.supplierId !== undefined || q.agreementId !== undefined) return null;
  if (q.groupBy.some((d) => d === InsightDimension.SUPPLIER || d === InsightDimension.AGREEMENT)) return null;
  if (q.from && !q.from.endsWith('-01')) return null;
  if (q.to && !isLastOfMonth(q.to)) return null;
  const digits = categoryDigits(q);
  if (digits > 6) return null;
  const category = digits === 0 ? 'none' : digits <= 2 ? 'segment' : 'class';
  const prefix = q.basis === SpendBasis.ORDERED ? 'insights_order' : 'insights_invoice';
  if (q.groupBy.includes(InsightDimension.ORGANISATION)) {
    const grain = category === 'class' ? 'class_month' : category === 'segment' ? 'segment_month' : 'month';
    return { table: `${prefix}_${grain} f`, organisation: 'buyer_organisation_id', period: 'month', category };
  }
  if (category === 'class') return { table: `${prefix}_tree_class_month f`, organisation: 'organisation_id', period: 'month', category };
  const bySegment = category === 'segment';
  const wholeYears = (!q.from || q.from.endsWith('-01-01')) && (!q.to || q.to.endsWith('-12-31'));
  const yearly = bySegment && wholeYears && (!q.groupBy.includes(InsightDimension.PERIOD) || q.period === PeriodGrouping.YEAR);
  if (yearly) return { table: `${prefix}_tree_segment_year f`, organisation: 'organisation_id', period: 'year', category };
  return { table: `${prefix}_tree_${bySegment ? 'segment_month' : 'month'} f`, organisation: 'organisation_id', period: 'month', category };
}

const isLastOfMonth = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).getUTCDate() === 1;

/** `SELECT dims, measures FROM rollup WHERE … GROUP BY dims HAVING …`: the rollup's twin of groupedQuery. */
export function rollupQuery(q: InsightQuery, rollup: Rollup, measures: string[], having: string): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const ids = rollup.organisation === 'organisation_id' ? q.subtreeTops : q.organisationIds;
  // One organisation as a plain equality: the planner then takes the primary key's order and
  // aggregates sorted groups (a municipality's month × segment: 14 instead of 63 ms of CPU, a
  // hash aggregate of numeric sums costing some 25 µs per group here).
  const where = [ids.length === 1 ? `f.${rollup.organisation} = ${p.add(ids[0])}::int` : `f.${rollup.organisation} = ANY(${p.add(ids)}::int[])`];
  if (q.from) where.push(`f.${rollup.period} >= ${p.add(q.from)}::date`);
  if (q.to) where.push(`f.${rollup.period} <= ${p.add(q.to)}::date`);
  if (q.unspscCode && rollup.category === 'segment') where.push(`f.segment = ${p.add(q.unspscCode.slice(0, 2))}`);
  // The fact lines' prefix match on the class's six digits (a code filter is never finer than a class here).
  if (q.unspscCode && rollup.category === 'class') where.push(`f.unspsc_class LIKE ${p.add(`${significantPrefix(q.unspscCode)}%`)}`);
  // Grouped by the rollup's own columns where they are the key (the period of its grain, the
  // segment): a hash aggregate keyed by expressions cost 3–5 times the CPU on 2,000 groups, and
  // one top's rows come from the primary key already in that order.
  const select: string[] = [];
  const groupBy: string[] = [];
  const by = (expr: string, alias: string, key = expr) => {
    select.push(`${expr} AS "${alias}"`);
    groupBy.push(key);
  };
  const period = `f.${rollup.period}`;
  if (q.groupBy.includes(InsightDimension.PERIOD)) {
    if (q.period.toLowerCase() === rollup.period) by(`${period}::text`, 'period', period);
    else by(`date_trunc(${p.add(q.period.toLowerCase())}, ${period})::date::text`, 'period');
  }
  if (q.groupBy.includes(InsightDimension.ORGANISATION)) by(`f.${rollup.organisation}`, 'organisationId');
  if (q.groupBy.includes(InsightDimension.CATEGORY)) {
    const digits = LEVEL_DIGITS[q.unspscLevel];
    if (rollup.category === 'segment') by(`rpad(nullif(f.segment, ''), 8, '0')`, 'category', 'f.segment');
    else if (digits === 6) by(`rpad(nullif(f.unspsc_class, ''), 8, '0')`, 'category', 'f.unspsc_class');
    // A coarser level from the class rollup: its first digits, as the fact lines' left(code, n).
    else by(`rpad(nullif(left(f.unspsc_class, ${digits}), ''), 8, '0')`, 'category');
  }
  const group = groupBy.length ? ` GROUP BY ${groupBy.join(', ')}` : '';
  const order = groupBy.length ? ` ORDER BY ${groupBy.map((_, i) => `${i + 1} NULLS LAST`).join(', ')}` : '';
  return { sql: `SELECT ${[...select, ...measures].join(', ')} FROM ${rollup.table} WHERE ${where.join(' AND ')}${group} HAVING ${having}${order}`, params: p.values };
}
