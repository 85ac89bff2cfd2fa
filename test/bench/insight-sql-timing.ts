import type { Client } from 'pg';
import { InsightReportsRepository } from '../../src/insights/insight-reports.repository';
import type { InsightQuery } from '../../src/insights/insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from '../../src/insights/insights.types';
import type { RequestContext } from '../../src/platform/context/request-context';

/** The GraphQL query fields the bench times, as the repository's statement behind each. */
const STATEMENTS: Record<string, (r: InsightReportsRepository, ctx: RequestContext, q: InsightQuery) => Promise<unknown>> = {
  insightLoyalty: (r, ctx, q) => r.loyalty(ctx, q),
  insightLeakage: (r, ctx, q) => r.leakage(ctx, q),
  insightSpend: (r, ctx, q) => r.spend(ctx, q),
  insightOrders: (r, ctx, q) => r.orders(ctx, q),
  insightInvoices: (r, ctx, q) => r.invoices(ctx, q),
  insightInvoiceExceptions: (r, ctx, q) => r.exceptionRates(ctx, q),
  insightOffAgreementLines: (r, ctx, q) => r.offAgreementLines(ctx, q, 0, 100),
  insightCeilingUse: (r, ctx, q) => r.orderedPerAgreement(ctx, q),
};

/** A report's query as InsightsService builds it from a filter, for a scope already resolved. */
export function insightQuery(scope: { ids: number[]; tops: number[] }, filter: Record<string, unknown>): InsightQuery {
  return {
    organisationIds: scope.ids,
    subtreeTops: scope.tops,
    period: PeriodGrouping.MONTH,
    unspscLevel: UnspscLevelName.SEGMENT,
    basis: SpendBasis.ORDERED,
    groupBy: [InsightDimension.PERIOD],
    ...(filter as Partial<InsightQuery>),
  };
}

/**
 * The report's statement as the service sends it, run `runs` times under
 * `EXPLAIN (ANALYZE, TIMING OFF)`: PostgreSQL's own planning and execution time, the steadier
 * reading on a shared machine than a request's wall time (no HTTP, token, scope or names).
 * Returns the sorted execution times (ms), the sorted planning times and the plan's top node.
 */
export async function statementTimes(pg: Client, field: string, q: InsightQuery, runs: number): Promise<{ execution: number[]; planning: number[]; top: string }> {
  const statement = STATEMENTS[field];
  const repository = new InsightReportsRepository();
  const execution: number[] = [];
  const planning: number[] = [];
  let top = '';
  const manager = {
    query: async (sql: string, params: unknown[]) => {
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = (await pg.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, params)).rows;
      execution.push(plan['Execution Time']);
      planning.push(plan['Planning Time']);
      top = describe(plan.Plan);
      return [];
    },
  };
  for (let i = 0; i < runs; i++) await statement(repository, { manager } as unknown as RequestContext, q);
  return { execution: execution.sort((a, b) => a - b), planning: planning.sort((a, b) => a - b), top };
}

/** The scan that feeds the plan (its relation and how many rows it read). */
function describe(node: Record<string, any>): string {
  const scans: string[] = [];
  const walk = (n: Record<string, any>) => {
    if (n['Relation Name']) scans.push(`${n['Node Type']} on ${n['Relation Name']} (${n['Actual Rows'] * (n['Actual Loops'] ?? 1)} rows)`);
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return scans.join(' + ');
}
