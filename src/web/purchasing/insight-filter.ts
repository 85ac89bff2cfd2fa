/**
 * The dashboards' filters (period, organisation subtree, UNSPSC segment), kept in the address so
 * that a view can be bookmarked and shared, and turned into the API's InsightFilter and the
 * export's query parameters (GET /insights/<report>.csv takes the same filter, groupBy comma-separated).
 */
export interface DashboardFilter {
  /** First day, YYYY-MM-DD, or '' for no bound. */
  from: string;
  to: string;
  /** An organisation with everything below it, or null for all in view. */
  organisationId: number | null;
  /** An 8-digit segment code ("44000000"), or '' for all. */
  segment: string;
}

export const EMPTY_FILTER: DashboardFilter = { from: '', to: '', organisationId: null, segment: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filterFromSearch(params: URLSearchParams): DashboardFilter {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const org = params.get('org');
  const segment = params.get('segment') ?? '';
  return {
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    organisationId: org && /^\d{1,9}$/.test(org) ? Number(org) : null,
    segment: /^\d{8}$/.test(segment) ? segment : '',
  };
}

export function filterToSearch(f: DashboardFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.organisationId !== null) p.set('org', String(f.organisationId));
  if (f.segment) p.set('segment', f.segment);
  return p;
}

/** What is wrong with the period, as an i18n key (null: fine). */
export function periodProblem(f: Pick<DashboardFilter, 'from' | 'to'>): string | null {
  if (f.from && !DATE.test(f.from)) return 'purchasing.dashboards.badFrom';
  if (f.to && !DATE.test(f.to)) return 'purchasing.dashboards.badTo';
  if (f.from && f.to && f.from > f.to) return 'purchasing.dashboards.fromAfterTo';
  return null;
}

export type InsightDimension = 'PERIOD' | 'SUPPLIER' | 'ORGANISATION' | 'CATEGORY' | 'AGREEMENT';

/** The GraphQL InsightFilter for a report grouped by `groupBy`. */
export function insightFilter(f: DashboardFilter, groupBy: InsightDimension[]) {
  return {
    groupBy,
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.organisationId !== null ? { organisationId: f.organisationId } : {}),
    ...(f.segment ? { unspscCode: f.segment } : {}),
  };
}

/** The CSV export's address for the same report and filter. */
/** The reports the dashboards show, by their export's file name. */
export type InsightReport = 'loyalty' | 'leakage' | 'spend' | 'ceiling-use';

export function exportPath(report: InsightReport, f: DashboardFilter, groupBy: InsightDimension[]): string {
  const p = new URLSearchParams({ groupBy: groupBy.join(',') });
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.organisationId !== null) p.set('organisationId', String(f.organisationId));
  if (f.segment) p.set('unspscCode', f.segment);
  return `/insights/${report}.csv?${p.toString()}`;
}
