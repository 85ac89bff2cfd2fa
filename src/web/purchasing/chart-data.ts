/**
 * The dashboards' rows as chart series: the same numbers the tables beside the charts show. Decimal
 * strings become numbers here only for drawing (the tables and the CSV keep them exact).
 */
export interface Series {
  /** i18n key of the series' name. */
  label: string;
  values: number[];
}

export interface ChartData {
  labels: string[];
  series: Series[];
}

type LoyaltyRow = { period?: string | null; onAgreement: string; offAgreement: string; offCatalogue: string; notCovered: string };
type LeakageRow = { supplierName?: string | null; amount: string; potentialSaving: string };

const byPeriod = <T extends { period?: string | null }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));

/** Spend per month, stacked: on agreement, off agreement (with off catalogue), and where no agreement covers the category. */
export function loyaltyChart(rows: readonly LoyaltyRow[], periodLabel: (period: string) => string): ChartData {
  const sorted = byPeriod(rows);
  return {
    labels: sorted.map((r) => (r.period ? periodLabel(r.period) : '–')),
    series: [
      { label: 'purchasing.dashboards.onAgreement', values: sorted.map((r) => Number(r.onAgreement)) },
      { label: 'purchasing.dashboards.offAgreement', values: sorted.map((r) => Number(r.offAgreement) + Number(r.offCatalogue)) },
      { label: 'purchasing.dashboards.notCovered', values: sorted.map((r) => Number(r.notCovered)) },
    ],
  };
}

/** Off-agreement spend per supplier, largest first, beside what the agreement alternatives would have saved. */
export function leakageChart(rows: readonly LeakageRow[], unnamed: string): ChartData {
  const sorted = [...rows].sort((a, b) => Number(b.amount) - Number(a.amount));
  return {
    labels: sorted.map((r) => r.supplierName ?? unnamed),
    series: [
      { label: 'purchasing.dashboards.leakageAmount', values: sorted.map((r) => Number(r.amount)) },
      { label: 'purchasing.dashboards.potentialSaving', values: sorted.map((r) => Number(r.potentialSaving)) },
    ],
  };
}

type SpendRow = { supplierName?: string | null; amount: string };
type CeilingUseRow = { reference: string; ceiling?: string | null; committed: string; orderedHere: string };

/** Spend per supplier, largest first. */
export function spendChart(rows: readonly SpendRow[], unnamed: string): ChartData {
  const sorted = bySpend(rows);
  return { labels: sorted.map((r) => r.supplierName ?? unnamed), series: [{ label: 'purchasing.dashboards.spendAmount', values: sorted.map((r) => Number(r.amount)) }] };
}

/** Rows by amount, largest first (exact: compared as decimals, not floats). */
export function bySpend<T extends { amount: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compareDecimal(b.amount, a.amount));
}

/**
 * Each agreement's ceiling beside what every participant has committed on it and what the
 * organisations in the filter ordered; agreements with a ceiling first, by share used.
 */
export function ceilingUseChart(rows: readonly (CeilingUseRow & { used?: number | null })[]): ChartData {
  const sorted = byCeilingUse(rows);
  return {
    labels: sorted.map((r) => r.reference),
    series: [
      { label: 'purchasing.dashboards.ceiling', values: sorted.map((r) => (r.ceiling == null ? 0 : Number(r.ceiling))) },
      { label: 'purchasing.dashboards.committed', values: sorted.map((r) => Number(r.committed)) },
      { label: 'purchasing.dashboards.orderedHere', values: sorted.map((r) => Number(r.orderedHere)) },
    ],
  };
}

/**
 * The ceiling-use rows per currency (amounts in different currencies cannot share an axis or be
 * compared): NOK first, then the others by code; within each, as byCeilingUse orders them.
 */
export function byCurrency<T extends { currency: string; reference: string; used?: number | null }>(rows: readonly T[]): CurrencyGroup<T>[] {
  return groupByCurrency(byCeilingUse(rows));
}

/** The rows of one currency. */
export interface CurrencyGroup<T> {
  currency: string;
  rows: T[];
}

/**
 * A report's rows per currency (the API groups money by currency too; amounts in different
 * currencies are never summed or drawn on one axis): NOK first, then the others by code; within
 * each, in the order given.
 */
export function groupByCurrency<T extends { currency: string }>(rows: readonly T[]): CurrencyGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.currency, [...(groups.get(row.currency) ?? []), row]);
  const rank = (c: string) => (c === 'NOK' ? '' : c);
  return [...groups].sort(([a], [b]) => rank(a).localeCompare(rank(b))).map(([currency, rows]) => ({ currency, rows }));
}

/** Agreements with a ceiling first, most used first; then those without, by reference. */
export function byCeilingUse<T extends { reference: string; used?: number | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => ((a.used == null) !== (b.used == null) ? (a.used == null ? 1 : -1) : (b.used ?? 0) - (a.used ?? 0) || a.reference.localeCompare(b.reference, 'nb')));
}

/** Compares decimal strings exactly (−1, 0, 1). */
export function compareDecimal(a: string, b: string): number {
  const d = sumDecimal(a, `-${b}`.replace('--', ''));
  return d.startsWith('-') ? -1 : /^0(\.0*)?$/.test(d) ? 0 : 1;
}

/** "2026-11-01" → "nov. 2026" (Norwegian month), for the period axis and table. */
export function monthLabel(period: string, locale = 'nb-NO'): string {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m) return period;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Exact sum of decimal strings ("12.50" + "0.1" → "12.6"), for amounts shown in the tables (no float drift). */
export function sumDecimal(...values: string[]): string {
  const SCALE = 6;
  let total = 0n;
  for (const v of values) {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v.trim());
    if (!m) throw new Error(`not a decimal: ${v}`);
    const units = BigInt(m[2] + (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE));
    total += m[1] ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(SCALE + 1, '0');
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}${fraction ? `.${fraction}` : ''}`;
}

/** A share (0–1) as "87,5 %"; "–" when there is none (no ceiling). */
export function formatShare(value: number | null | undefined): string {
  return value == null ? '–' : `${new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(Math.round(value * 1000) / 10)} %`;
}

/**
 * The first `keep` bars as they are and the rest summed into one last bar (`restLabel`), per
 * series: a chart of 300 suppliers stays readable, and its bars still add up to the total.
 */
export function foldRest(data: ChartData, keep: number, restLabel: (count: number) => string): ChartData {
  const rest = data.labels.length - keep;
  if (rest <= 1) return data; // one bar for one supplier says nothing new
  return {
    labels: [...data.labels.slice(0, keep), restLabel(rest)],
    series: data.series.map((s) => ({ ...s, values: [...s.values.slice(0, keep), s.values.slice(keep).reduce((a, b) => a + b, 0)] })),
  };
}
